import { describe, expect, it } from "vitest";

import { EMULATOR_DEFAULTS } from "@/emulator/src/defaults";

import { clientFor, control, sharedEmulator, upstreamLines, type LogLine } from "./testing";
import { generateUserSig } from "./usersig";

// UserSig lifecycle against the emulator's verification, with the emulator's clock moved over its
// control endpoint and the client's clock moved to match.

const emu = sharedEmulator();

const HOUR = 3_600_000;
const moveEmulatorClock = (offsetMs: number) => control(emu, "POST", "clock", { offsetMs });
const generated = (lines: LogLine[]) => lines.filter((l) => l.event === "usersig_generated").length;

describe("generated UserSig", () => {
  it("is renewed before it expires, so requests keep working as time passes", async () => {
    let offset = 0;
    const { client, log } = clientFor(
      emu,
      {},
      { now: () => Date.now() + offset, userSigTtlSeconds: 3600 },
    );
    await client.getCallInfo("x");
    expect(generated(log.lines)).toBe(1);
    // 40 minutes on: less than half the lifetime left, so the next request uses a fresh UserSig.
    offset = 40 * 60_000;
    await moveEmulatorClock(offset);
    await client.getCallInfo("x");
    expect(generated(log.lines)).toBe(2);
    // 65 minutes on: the first UserSig has expired upstream; the renewed one (35 min left) is used.
    offset = 65 * 60_000;
    await moveEmulatorClock(offset);
    await client.getCallInfo("x");
    expect(generated(log.lines)).toBe(2);
    expect(upstreamLines(log.lines).map((l) => l.code)).toEqual([101004, 101004, 101004]);
    expect(client.userSigStatus()).toEqual({
      source: "secret-key",
      expiresAt: expect.any(String),
      expiringSoon: false,
    });
  });

  it.each([
    ["v4", 70001],
    ["v1", 70003],
  ] as const)(
    "%s: when Tencent calls it expired (%d), it is regenerated once and the request retried",
    async (generation, code) => {
      let offset = 0;
      const { client, log } = clientFor(
        emu,
        { recordsApi: generation },
        { now: () => Date.now() + offset, userSigTtlSeconds: 3600 },
      );
      await client.getRecord("warm-up");
      // Our clock says 20 minutes passed (no renewal due); Tencent's says 65 (expired).
      offset = 20 * 60_000;
      await moveEmulatorClock(65 * 60_000);
      const got = await client.getRecord("after-expiry");
      expect(got.record).toBeNull();
      expect(upstreamLines(log.lines, "getRecord").map((l) => [l.generation, l.code])).toEqual([
        [generation, generation === "v4" ? 101050 : 70001],
        [generation, code],
        [generation, generation === "v4" ? 101050 : 70001],
      ]);
      expect(generated(log.lines)).toBe(2);
    },
  );

  it("regenerates only once: a wrong key fails with 70009 and the staff explanation", async () => {
    const { client, log } = clientFor(emu, { secretKey: "not-the-emulator-key" });
    const error = await client.getCallInfo("x").catch((e: unknown) => e);
    expect(error).toMatchObject({ generation: "v4", code: 70009, userSigRejected: true });
    expect((error as { explanation: string }).explanation).toContain(
      "not signed with this app's key",
    );
    expect(upstreamLines(log.lines).map((l) => l.code)).toEqual([70009, 70009]);
    expect(generated(log.lines)).toBe(2);
  });

  it("a non-admin identifier is refused with 60010 and not retried", async () => {
    const { client, log } = clientFor(emu, { identifier: "bob" });
    await expect(client.getCallInfo("x")).rejects.toMatchObject({ code: 60010 });
    expect(upstreamLines(log.lines)).toHaveLength(1);
  });
});

describe("fixed UserSig (TRTC_ADMIN_USERSIG)", () => {
  const fixedSig = (issuedAt: number, expireSeconds: number) =>
    generateUserSig({
      sdkAppId: EMULATOR_DEFAULTS.sdkAppId,
      secretKey: EMULATOR_DEFAULTS.secretKey,
      identifier: "administrator",
      expireSeconds,
      nowMs: issuedAt,
    });

  it("is used as given and its expiry reported", async () => {
    const issued = Date.now() - HOUR;
    const { client } = clientFor(emu, {
      secretKey: undefined,
      adminUserSig: fixedSig(issued, 180 * 86400),
      mode: "tencent",
    });
    await expect(client.getCallInfo("x")).resolves.toMatchObject({ call: null });
    const status = client.userSigStatus();
    expect(status).toEqual({
      source: "fixed",
      expiresAt: new Date(Math.floor(issued / 1000) * 1000 + 180 * 86_400_000).toISOString(),
      expiringSoon: false,
    });
  });

  it("flags and warns when fewer than 7 days are left", () => {
    const { client, log } = clientFor(emu, {
      secretKey: undefined,
      adminUserSig: fixedSig(Date.now(), 3 * 86400),
      mode: "tencent",
    });
    expect(client.userSigStatus().expiringSoon).toBe(true);
    expect(log.lines.filter((l) => l.event === "usersig_expiring")).toHaveLength(1);
  });

  it("once expired, fails without regenerating (we cannot), explaining what to do", async () => {
    const { client, log } = clientFor(emu, {
      secretKey: undefined,
      adminUserSig: fixedSig(Date.now() - 2 * HOUR, 3600),
      mode: "tencent",
    });
    const error = await client.getCallInfo("x").catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 70001, generation: "v4" });
    expect((error as { explanation: string }).explanation).toContain("TRTC_ADMIN_USERSIG");
    expect(upstreamLines(log.lines)).toHaveLength(1);
  });
});
