import pino from "pino";
import { describe, expect, it } from "vitest";

import { createCredentials } from "./credentials";
import { decodeUserSig, generateUserSig } from "./usersig";

function memoryLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    { level: "info" },
    { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) },
  );
  return { logger, lines };
}
const DAY = 86_400_000;

describe("generated UserSig", () => {
  it("is cached, then renewed once less than half its lifetime is left", () => {
    let now = Date.UTC(2030, 0, 1);
    const { logger } = memoryLogger();
    const creds = createCredentials(
      { sdkAppId: 1, identifier: "administrator", secretKey: "k" },
      { logger, now: () => now, userSigTtlSeconds: 3600 },
    );
    const first = creds.userSig();
    now += 1000 * 1700;
    expect(creds.userSig()).toBe(first);
    now += 1000 * 200;
    const second = creds.userSig();
    expect(second).not.toBe(first);
    expect(decodeUserSig(second)?.issuedAt.getTime()).toBe(now);
    expect(creds.status()).toEqual({
      source: "secret-key",
      expiresAt: new Date(now + 3600_000).toISOString(),
      expiringSoon: false,
    });
  });

  it("is regenerated after a rejection, once for many concurrent failures", () => {
    let now = Date.UTC(2030, 0, 1);
    const { logger } = memoryLogger();
    const creds = createCredentials(
      { sdkAppId: 1, identifier: "a", secretKey: "k" },
      { logger, now: () => now },
    );
    const old = creds.userSig();
    now += 2000;
    expect(creds.renewAfterRejection(old)).toBe(true);
    const fresh = creds.userSig();
    expect(fresh).not.toBe(old);
    expect(creds.renewAfterRejection(old)).toBe(true);
    expect(creds.userSig()).toBe(fresh);
  });
});

describe("fixed UserSig", () => {
  const issue = (nowMs: number, expireSeconds: number, identifier = "administrator") =>
    generateUserSig({ sdkAppId: 7, secretKey: "k", identifier, expireSeconds, nowMs });

  it("reports its decoded expiry and is never regenerated", () => {
    const now = Date.UTC(2030, 0, 1);
    const sig = issue(now, 180 * 86400);
    const { logger, lines } = memoryLogger();
    const creds = createCredentials(
      { sdkAppId: 7, identifier: "administrator", adminUserSig: sig },
      { logger, now: () => now },
    );
    expect(creds.userSig()).toBe(sig);
    expect(creds.renewAfterRejection(sig)).toBe(false);
    expect(creds.status()).toEqual({
      source: "fixed",
      expiresAt: new Date(now + 180 * DAY).toISOString(),
      expiringSoon: false,
    });
    expect(lines.filter((l) => l.level === 40)).toHaveLength(0);
  });

  it("warns once, and flags, when fewer than 7 days are left", () => {
    const now = Date.UTC(2030, 0, 1);
    const sig = issue(now - 100 * DAY, 106 * 86400);
    const { logger, lines } = memoryLogger();
    const creds = createCredentials(
      { sdkAppId: 7, identifier: "administrator", adminUserSig: sig },
      { logger, now: () => now },
    );
    expect(creds.status().expiringSoon).toBe(true);
    creds.status();
    const warnings = lines.filter((l) => l.event === "usersig_expiring");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ level: 40, daysLeft: 6 });
    expect(JSON.stringify(lines)).not.toContain(sig);
  });

  it("warns when it was issued for another identifier, and copes with an unreadable one", () => {
    const { logger, lines } = memoryLogger();
    createCredentials(
      {
        sdkAppId: 7,
        identifier: "administrator",
        adminUserSig: issue(Date.now(), 86400 * 30, "someone"),
      },
      { logger },
    );
    const bad = createCredentials(
      { sdkAppId: 7, identifier: "administrator", adminUserSig: "garbage" },
      { logger },
    );
    expect(bad.status()).toEqual({ source: "fixed", expiresAt: null, expiringSoon: false });
    expect(lines.map((l) => l.event)).toEqual(["usersig_mismatch", "usersig_unreadable"]);
  });
});
