import { encode, type JWT } from "next-auth/jwt";
import { beforeEach, describe, expect, it, vi } from "vitest";

import type { LiveSession } from "@/lib/db/sessions";

// getSessionUser reads the request's cookies through next/headers and the session through the
// per-process memory; both are stood in for here, the cookie itself is next-auth's.
const secret = "a-session-secret-of-thirty-two-characters";
const cookieName = "next-auth.session-token";
const jar = new Map<string, string>();
const sessions = new Map<string, LiveSession>();

vi.mock("next/headers", () => ({
  cookies: () =>
    Promise.resolve({ getAll: () => [...jar].map(([name, value]) => ({ name, value })) }),
}));
vi.mock("@/lib/auth/session-users", () => ({
  findSessionCached: (id: string) => Promise.resolve(sessions.get(id)),
}));
vi.stubEnv("NEXTAUTH_SECRET", secret);
vi.stubEnv("NEXTAUTH_URL", "http://127.0.0.1:3000");

const { getSessionUser } = await import("@/lib/auth/session");

const claims: JWT = { sid: "s-1", uid: "u-1", email: "support@example.com", role: "support" };
const account = { id: "u-1", email: "support@example.com", name: "Sam", role: "support" as const };
const live = (over: Partial<LiveSession["session"]> = {}): LiveSession =>
  ({
    user: account,
    session: { id: "s-1", expiresAt: new Date(Date.now() + 3600_000), revokedAt: null, ...over },
  }) as LiveSession;

beforeEach(() => {
  jar.clear();
  sessions.clear();
  sessions.set("s-1", live());
});

describe("getSessionUser", () => {
  it("accepts a session cookie next-auth encoded and answers the account as stored", async () => {
    jar.set(cookieName, await encode({ token: claims, secret }));
    await expect(getSessionUser()).resolves.toEqual(account);
  });

  it("answers no user without a cookie or for an account that is gone", async () => {
    await expect(getSessionUser()).resolves.toBeNull();
    jar.set(cookieName, await encode({ token: claims, secret }));
    sessions.clear();
    await expect(getSessionUser()).resolves.toBeNull();
  });

  it("answers no user for a session signed out or past its absolute end", async () => {
    jar.set(cookieName, await encode({ token: claims, secret }));
    sessions.set("s-1", live({ revokedAt: new Date() }));
    await expect(getSessionUser()).resolves.toBeNull();
    sessions.set("s-1", live({ expiresAt: new Date(Date.now() - 1000) }));
    await expect(getSessionUser()).resolves.toBeNull();
  });

  it("refuses a cookie that names no session (one from before sessions were stored)", async () => {
    const { sid: _sid, ...withoutSession } = claims;
    jar.set(cookieName, await encode({ token: withoutSession, secret }));
    await expect(getSessionUser()).resolves.toBeNull();
  });

  it("refuses a cookie encrypted under another secret", async () => {
    jar.set(cookieName, await encode({ token: claims, secret: `${secret}-rotated` }));
    await expect(getSessionUser()).resolves.toBeNull();
  });

  it("refuses a tampered cookie", async () => {
    const parts = (await encode({ token: claims, secret })).split(".");
    const ciphertext = parts[3]!;
    parts[3] = (ciphertext[0] === "A" ? "B" : "A") + ciphertext.slice(1);
    jar.set(cookieName, parts.join("."));
    await expect(getSessionUser()).resolves.toBeNull();
  });

  it("refuses an expired cookie", async () => {
    jar.set(cookieName, await encode({ token: claims, secret, maxAge: -60 }));
    await expect(getSessionUser()).resolves.toBeNull();
  });
});
