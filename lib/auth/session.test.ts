import { encode, type JWT } from "next-auth/jwt";
import { beforeEach, describe, expect, it, vi } from "vitest";

import type { UserRow } from "@/lib/db/schema";

// getSessionUser reads the request's cookies through next/headers and the account through the
// per-process memory; both are stood in for here, the cookie itself is next-auth's.
const secret = "a-session-secret-of-thirty-two-characters";
const cookieName = "next-auth.session-token";
const jar = new Map<string, string>();
const accounts = new Map<string, Partial<UserRow>>();

vi.mock("next/headers", () => ({
  cookies: () =>
    Promise.resolve({ getAll: () => [...jar].map(([name, value]) => ({ name, value })) }),
}));
vi.mock("@/lib/auth/session-users", () => ({
  findSessionUser: (id: string) => Promise.resolve(accounts.get(id)),
}));
vi.stubEnv("NEXTAUTH_SECRET", secret);
vi.stubEnv("NEXTAUTH_URL", "http://127.0.0.1:3000");

const { getSessionUser } = await import("@/lib/auth/session");

const claims: JWT = { uid: "u-1", email: "support@example.com", role: "support" };
const account = { id: "u-1", email: "support@example.com", name: "Sam", role: "support" as const };

beforeEach(() => {
  jar.clear();
  accounts.clear();
  accounts.set("u-1", account);
});

describe("getSessionUser", () => {
  it("accepts a session cookie next-auth encoded and answers the account as stored", async () => {
    jar.set(cookieName, await encode({ token: claims, secret }));
    await expect(getSessionUser()).resolves.toEqual(account);
  });

  it("answers no user without a cookie or for an account that is gone", async () => {
    await expect(getSessionUser()).resolves.toBeNull();
    jar.set(cookieName, await encode({ token: claims, secret }));
    accounts.clear();
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
