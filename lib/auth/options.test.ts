import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import type { Account, Profile, Session, User } from "next-auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { buildAuthOptions } from "@/lib/auth/options";
import { createRecentUsers, RECENT_USERS_DEFAULTS } from "@/lib/auth/recent-users";
import { closeDb, getDb } from "@/lib/db/client";
import { createUser, deleteUser, findUserByEmail, findUserById, setUserRole } from "@/lib/db/users";
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
// A hand-moved clock for the per-process memory of session users.
let clock = 1_000_000;
const options = buildAuthOptions(
  env,
  createRecentUsers(async (id) => findUserById(await getDb(), id), {
    ...RECENT_USERS_DEFAULTS,
    now: () => clock,
  }),
);
const callbacks = options.callbacks!;
const oidcAccount = { provider: "oidc", type: "oauth", providerAccountId: "x" } as Account;

beforeAll(() => {
  process.env.DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
});
afterAll(async () => {
  await closeDb();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("next-auth callbacks", () => {
  it("offers credentials and the configured SSO provider", () => {
    expect(options.providers.map((p) => p.id)).toEqual(["credentials", "oidc"]);
    expect(options.session).toMatchObject({ strategy: "jwt" });
  });

  it("re-reads the role (at most 5 s old) and drops removed accounts", async () => {
    const db = await getDb();
    await createUser(db, { email: "kim@corp.example", role: "support" });
    const signedIn = await callbacks.jwt!({
      token: {},
      user: { id: "x", email: "kim@corp.example" } as User,
    } as never);
    expect(signedIn).toMatchObject({ email: "kim@corp.example", role: "support" });

    await setUserRole(db, "kim@corp.example", "admin");
    const later = await callbacks.jwt!({ token: signedIn } as never);
    expect(later.role).toBe("admin");
    const session = (await callbacks.session!({
      session: { expires: "x" } as Session,
      token: later,
    } as never)) as Session;
    expect(session.user).toMatchObject({ email: "kim@corp.example", role: "admin" });

    await deleteUser(db, "kim@corp.example");
    // Within the bound the remembered account may still answer; past it, never.
    clock += RECENT_USERS_DEFAULTS.maxAgeMs;
    const revoked = await callbacks.jwt!({ token: later } as never);
    expect(revoked.role).toBeUndefined();
    const gone = (await callbacks.session!({
      session: { expires: "x" } as Session,
      token: revoked,
    } as never)) as Session;
    expect(gone.user).toBeUndefined();
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
