import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import type { Account, Profile, Session, User } from "next-auth";
import { decode, type JWT } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { buildAuthOptions, SESSION_IDLE_SECONDS, SessionEndedError } from "@/lib/auth/options";
import { endUserSessions } from "@/lib/auth/session-revocation";
import { closeDb, getDb } from "@/lib/db/client";
import { findSession, pruneSessions } from "@/lib/db/sessions";
import { createUser, deleteUser, findUserByEmail, setUserRole } from "@/lib/db/users";
import { parseEnv } from "@/lib/env";

// The next-auth callbacks against the process-wide database (PGlite in a temp dir).
const dataDir = mkdtempSync(path.join(tmpdir(), "cc-options-"));
const env = parseEnv({
  NEXTAUTH_SECRET: "s".repeat(32),
  AUTH_OIDC_ISSUER: "https://sso.corp.example",
  AUTH_OIDC_CLIENT_ID: "console",
  AUTH_OIDC_CLIENT_SECRET: "secret",
  AUTH_OIDC_MANAGER_GROUPS: "console-managers",
  AUTH_OIDC_ALLOWED_DOMAIN: "corp.example",
});
// A hand-moved clock; sessions are read straight from the database (no per-process memory).
let clock = Date.now();
const options = buildAuthOptions(env, {
  findSession: async (id) => findSession(await getDb(), id),
  now: () => clock,
});
const callbacks = options.callbacks!;
const oidcAccount = { provider: "oidc", type: "oauth", providerAccountId: "x" } as Account;

beforeAll(async () => {
  process.env.DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  // Opening PGlite and migrating takes a while on a busy machine; not part of any one test.
  await getDb();
}, 120_000);
afterAll(async () => {
  await closeDb();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("next-auth callbacks", () => {
  it("offers credentials and the configured SSO provider", () => {
    expect(options.providers.map((p) => p.id)).toEqual(["credentials", "oidc"]);
    expect(options.session).toMatchObject({ strategy: "jwt" });
  });

  const signIn = async (email: string) =>
    await callbacks.jwt!({ token: {}, user: { id: "x", email } as User } as never);
  const renew = (token: JWT) => callbacks.jwt!({ token } as never) as Promise<JWT>;

  it("starts a stored session at sign-in and re-reads the role at each renewal", async () => {
    const db = await getDb();
    await createUser(db, { email: "kim@corp.example", role: "support" });
    const signedIn = await signIn("kim@corp.example");
    expect(signedIn).toMatchObject({ email: "kim@corp.example", role: "support" });
    expect(signedIn.endsAt).toBe(Math.floor(clock / 1000) + env.SESSION_LIFETIME);
    expect((await findSession(db, signedIn.sid!))?.session.revokedAt).toBeNull();

    await setUserRole(db, "kim@corp.example", "manager");
    const later = await renew(signedIn);
    expect(later.role).toBe("manager");
    const session = (await callbacks.session!({
      session: { expires: "x" } as Session,
      token: later,
    } as never)) as Session;
    expect(session.user).toMatchObject({ email: "kim@corp.example", role: "manager" });
  });

  it("refuses to renew a session that was signed out, reset or removed", async () => {
    const db = await getDb();
    await createUser(db, { email: "ida@corp.example", role: "admin" });
    const first = await signIn("ida@corp.example");
    const second = await signIn("ida@corp.example");
    // Sign-out ends that browser's session only.
    await options.events!.signOut!({ token: first, session: null as never });
    await expect(renew(first)).rejects.toBeInstanceOf(SessionEndedError);
    expect((await renew(second)).role).toBe("admin");
    // A role change or password reset ends every session of the account.
    expect(await endUserSessions(db, (await findUserByEmail(db, "ida@corp.example"))!.id)).toBe(1);
    await expect(renew(second)).rejects.toBeInstanceOf(SessionEndedError);
    // Ended sessions are pruned on a schedule.
    expect(await pruneSessions(db)).toBeGreaterThanOrEqual(2);
    expect(await findSession(db, first.sid!)).toBeUndefined();
    const third = await signIn("ida@corp.example");
    await deleteUser(db, "ida@corp.example");
    await expect(renew(third)).rejects.toBeInstanceOf(SessionEndedError);
    // A cookie from before sessions were stored names none.
    await expect(renew({ uid: third.uid, role: "admin" })).rejects.toBeInstanceOf(
      SessionEndedError,
    );
  });

  it("never renews past the absolute lifetime, and the cookie's expiry is capped to it", async () => {
    const db = await getDb();
    await createUser(db, { email: "max@corp.example", role: "support" });
    const started = clock;
    const token = await signIn("max@corp.example");
    // 60 s before the end: renewed, but the new cookie lasts 60 s, not the idle timeout.
    clock = started + (env.SESSION_LIFETIME - 60) * 1000;
    const renewed = await renew(token);
    const encoded = await options.jwt!.encode!({
      token: renewed,
      secret: env.NEXTAUTH_SECRET!,
      maxAge: SESSION_IDLE_SECONDS,
    });
    const claims = await decode({ token: encoded, secret: env.NEXTAUTH_SECRET! });
    // (next-auth stamps the expiry from the real clock.)
    const lasts = (claims?.exp as number) - Math.floor(Date.now() / 1000);
    expect(lasts).toBeGreaterThanOrEqual(59);
    expect(lasts).toBeLessThanOrEqual(60);
    // Past the end: refused, whatever the cookie says.
    clock = started + (env.SESSION_LIFETIME + 1) * 1000;
    await expect(renew(renewed)).rejects.toBeInstanceOf(SessionEndedError);
    clock = Date.now();
    void db;
  });

  it("lets SSO people in with their group's role and refuses the rest with a reason", async () => {
    const ok = await callbacks.signIn!({
      user: {} as User,
      account: oidcAccount,
      profile: { email: "Lee@Corp.Example", name: "Lee", groups: ["console-managers"] } as Profile,
    });
    expect(ok).toBe(true);
    expect(await findUserByEmail(await getDb(), "lee@corp.example")).toMatchObject({
      role: "manager",
      source: "oidc",
    });

    const outsider = await callbacks.signIn!({
      user: {} as User,
      account: oidcAccount,
      profile: { email: "lee@evil.example", groups: ["console-managers"] } as Profile,
    });
    expect(outsider).toBe("/login?error=AccessDenied&reason=domain");
    expect(await findUserByEmail(await getDb(), "lee@evil.example")).toBeUndefined();
  });

  it("only redirects within the console", async () => {
    const base = "http://localhost:3000";
    expect(await callbacks.redirect!({ url: "/records?x=1", baseUrl: base })).toBe(
      `${base}/records?x=1`,
    );
    expect(await callbacks.redirect!({ url: "https://evil.example/", baseUrl: base })).toBe(
      `${base}/`,
    );
    expect(await callbacks.redirect!({ url: `${base}/insights`, baseUrl: base })).toBe(
      `${base}/insights`,
    );
  });
});
