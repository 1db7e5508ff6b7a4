import { deflateSync, inflateSync } from "node:zlib";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ADMIN, handSig, realSig, start, V1_FILTER, V4_FILTER, type Client } from "./helpers";
import type { Emulator } from "../src/server";

// UserSig verification over HTTP, against signatures made by Tencent's own tls-sig-api-v2 package
// and hand-made variants. Each failure has its documented code in each generation.

let em: Emulator;
let c: Client;
beforeAll(
  async () =>
    ({ em, c } = await start({ calls: 50, adminIdentifiers: ["administrator", "ops_admin"] })),
);
afterAll(() => em.close());

const v4 = (usersig: string, identifier = ADMIN) => c.post(V4_FILTER, {}, { usersig, identifier });
const v1 = (usersig: string, identifier = ADMIN) =>
  c.post(V1_FILTER, { startTimestamp: 0 }, { usersig, identifier });

/** Flips one character in the middle of the HMAC inside a valid UserSig, keeping it decodable. */
function tamper(sig: string): string {
  const b64 = sig.replace(/\*/g, "+").replace(/-/g, "/").replace(/_/g, "=");
  const json = JSON.parse(inflateSync(Buffer.from(b64, "base64")).toString()) as Record<
    string,
    unknown
  >;
  const s = json["TLS.sig"] as string;
  json["TLS.sig"] = s.slice(0, 5) + (s[5] === "A" ? "B" : "A") + s.slice(6);
  return deflateSync(Buffer.from(JSON.stringify(json)))
    .toString("base64")
    .replace(/\+/g, "*")
    .replace(/\//g, "-")
    .replace(/=/g, "_");
}

describe("valid signatures", () => {
  it("accepts a UserSig made by tls-sig-api-v2 on both generations", async () => {
    expect((await v4(realSig())).ErrorCode).toBe(0);
    expect((await v1(realSig())).errorCode).toBe(0);
  });

  it.each([0, 1, 9])("accepts zlib level %i (the Go library uses level 0)", async (level) => {
    expect((await v4(handSig({ level }))).ErrorCode).toBe(0);
  });

  it("accepts every configured admin, not only `administrator`", async () => {
    expect((await v4(realSig("ops_admin"), "ops_admin")).ErrorCode).toBe(0);
  });

  it("accepts a signature at the exact second it expires (expired means now > time + expire)", async () => {
    // On a pinned clock: a second boundary passing between signing and checking would otherwise
    // make "the exact second" one second late.
    const nowMs = Date.UTC(2026, 10, 20, 12, 0, 0, 999);
    const pinned = await start({ calls: 5, now: () => nowMs });
    try {
      const now = Math.floor(nowMs / 1000);
      const at = (time: number) =>
        pinned.c.post(
          V4_FILTER,
          {},
          { usersig: handSig({ time, expire: 100 }), identifier: ADMIN },
        );
      expect((await at(now - 100)).ErrorCode).toBe(0);
      expect((await at(now - 101)).ErrorCode).toBe(70001);
    } finally {
      await pinned.em.close();
    }
  });
});

describe("rejected signatures", () => {
  const now = Math.floor(Date.now() / 1000);
  const cases: { name: string; sig: () => string; identifier?: string; v4: number; v1: number }[] =
    [
      { name: "empty", sig: () => "", v4: 70002, v1: 70002 },
      { name: "not base64", sig: () => "!!!not-a-sig!!!", v4: 70003, v1: 70002 },
      { name: "truncated", sig: () => realSig().slice(0, 40), v4: 70003, v1: 70002 },
      { name: "tampered HMAC", sig: () => tamper(realSig()), v4: 70009, v1: 70002 },
      {
        name: "signed with another key",
        sig: () => realSig(ADMIN, 86_400, undefined, "some-other-key"),
        v4: 70009,
        v1: 70002,
      },
      {
        name: "signed for another SDKAppID",
        sig: () => realSig(ADMIN, 86_400, 1400999999),
        v4: 70014,
        v1: 70002,
      },
      { name: "signed for another identifier", sig: () => realSig("bob"), v4: 70013, v1: 70002 },
      {
        name: "expired",
        sig: () => handSig({ time: now - 200, expire: 100 }),
        v4: 70001,
        v1: 70003,
      },
      { name: "carrying a userbuf", sig: () => handSig({ userbuf: "AAEC" }), v4: 70003, v1: 70002 },
      {
        name: "valid but not an admin",
        sig: () => realSig("bob"),
        identifier: "bob",
        v4: 60010,
        v1: 70004,
      },
    ];

  it.each(cases)("$name → v4 $v4, v1 $v1", async ({ sig, identifier, v4: code4, v1: code1 }) => {
    const r4 = await v4(sig(), identifier);
    expect(r4).toMatchObject({ ActionStatus: "FAIL", ErrorCode: code4 });
    expect(r4.ErrorInfo).not.toBe("");
    expect(r4.Response).toBeUndefined();
    const r1 = await v1(sig(), identifier);
    expect(r1.errorCode).toBe(code1);
    expect(r1.data).toBeUndefined();
  });

  it("rejects a missing usersig parameter as empty", async () => {
    const r = await c.raw(V4_FILTER, { q: { omit: ["usersig"] } });
    expect(r.json.ErrorCode).toBe(70002);
  });

  it("checks expiry against the emulator's clock, not the machine's", async () => {
    const sig = realSig(ADMIN, 3600);
    expect((await v4(sig)).ErrorCode).toBe(0);
    await c.control("POST", "/clock", { offsetMs: 2 * 3600_000 });
    try {
      expect((await v4(sig)).ErrorCode).toBe(70001);
      expect((await v1(sig)).errorCode).toBe(70003);
    } finally {
      await c.control("DELETE", "/clock");
    }
    expect((await v4(sig)).ErrorCode).toBe(0);
  });
});
