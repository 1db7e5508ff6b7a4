import TLSSigAPIv2 from "tls-sig-api-v2";
import { describe, expect, it } from "vitest";

import { decodeUserSig, generateUserSig } from "./usersig";

const { Api } = TLSSigAPIv2 as {
  Api: new (id: number, key: string) => { genUserSig(u: string, e: number): string };
};

describe("generateUserSig", () => {
  it("matches the package's own output for the same second", () => {
    const now = Date.now();
    const ours = generateUserSig({
      sdkAppId: 1400000001,
      secretKey: "k3y",
      identifier: "administrator",
      expireSeconds: 86400,
      nowMs: now,
    });
    const theirs = new Api(1400000001, "k3y").genUserSig("administrator", 86400);
    // The package reads the clock itself; retry the comparison if a second boundary fell between.
    if (Math.floor(Date.now() / 1000) === Math.floor(now / 1000)) expect(ours).toBe(theirs);
    expect(decodeUserSig(ours)?.identifier).toBe("administrator");
  });

  it("signs at the given time, which decodeUserSig reads back", () => {
    const nowMs = Date.UTC(2030, 5, 1);
    const sig = generateUserSig({
      sdkAppId: 42,
      secretKey: "k",
      identifier: "admin2",
      expireSeconds: 3600,
      nowMs,
    });
    expect(decodeUserSig(sig)).toEqual({
      identifier: "admin2",
      sdkAppId: 42,
      issuedAt: new Date(nowMs),
      expiresAt: new Date(nowMs + 3600_000),
    });
  });

  it("uses only query-safe characters", () => {
    const sig = generateUserSig({
      sdkAppId: 1,
      secretKey: "k",
      identifier: "a",
      expireSeconds: 60,
    });
    expect(sig).toMatch(/^[A-Za-z0-9*\-_]+$/);
  });
});

describe("decodeUserSig", () => {
  it.each(["", "not-a-usersig", "eJzLSM3JyQcABiwCFQ__"])("returns null for %j", (value) => {
    expect(decodeUserSig(value)).toBeNull();
  });
});
