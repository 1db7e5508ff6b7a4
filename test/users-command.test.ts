import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { verifyPassword } from "@/lib/auth/password";
import { listAudit } from "@/lib/db/audit";
import { openDatabase } from "@/lib/db/client";
import { findUserByEmail } from "@/lib/db/users";
import { ADMIN_URL } from "@/test/databases";
import { runScript } from "@/test/run-script";

const users = (args: string[], env: Record<string, string>, stdin?: string) =>
  runScript("scripts/users.ts", args, { env, stdin });

// Each case runs the real command (tsx start-up plus opening the database), several seconds apiece
// on a busy two-core machine.
const SLOW = { timeout: 120_000 };

describe("npm run users (PGlite under DATA_DIR)", SLOW, () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "cc-users-"));
  const env = { DATA_DIR: dataDir };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("adds accounts with a generated or piped password, and lists them", async () => {
    const added = await users(
      ["add", "Ana@Corp.Example", "--role", "manager", "--name", "Ana Diaz"],
      env,
    );
    expect(added.stderr).toBe("");
    expect(added.code).toBe(0);
    expect(added.stdout).toContain("Added ana@corp.example (manager).");
    const generated = /Password: (\S+)/.exec(added.stdout)?.[1];
    expect(generated).toMatch(/^[A-Za-z0-9]{20}$/);

    const piped = await users(
      ["add", "bo@corp.example", "--password-stdin"],
      env,
      "piped-password-1\n",
    );
    expect(piped.code).toBe(0);
    expect(piped.stdout).not.toContain("Password:");

    const listed = await users(["list", "--json"], env);
    expect(listed.code).toBe(0);
    const rows = JSON.parse(listed.stdout) as {
      email: string;
      role: string;
      name: string | null;
    }[];
    expect(rows.map((r) => [r.email, r.role, r.name])).toEqual([
      ["ana@corp.example", "manager", "Ana Diaz"],
      ["bo@corp.example", "support", null],
    ]);

    const table = await users(["list"], env);
    expect(table.stdout).toMatch(/^EMAIL\s+ROLE\s+SOURCE\s+NAME\s+LAST SIGN-IN$/m);
    expect(table.stdout).toMatch(/^ana@corp\.example\s+manager\s+credentials\s+Ana Diaz\s+never$/m);

    // The passwords really work: check the stored hashes (the CLI has exited, so we may open the directory).
    const handle = await openDatabase({ dataDir });
    try {
      expect(
        await verifyPassword(
          generated!,
          (await findUserByEmail(handle.db, "ana@corp.example"))!.passwordHash!,
        ),
      ).toBe(true);
      expect(
        await verifyPassword(
          "piped-password-1",
          (await findUserByEmail(handle.db, "bo@corp.example"))!.passwordHash!,
        ),
      ).toBe(true);
      expect(
        (await listAudit(handle.db)).filter((a) => a.action === "user.add").map((a) => a.actor),
      ).toEqual(["cli", "cli"]);
    } finally {
      await handle.close();
    }
  });

  it("changes roles and passwords and removes accounts", async () => {
    expect((await users(["set-role", "bo@corp.example", "admin"], env)).stdout).toContain(
      "bo@corp.example is now admin.",
    );
    const changed = await users(
      ["set-password", "bo@corp.example", "--password-stdin"],
      env,
      "another-password-2",
    );
    expect(changed.code).toBe(0);
    expect((await users(["remove", "ana@corp.example"], env)).stdout).toContain(
      "Removed ana@corp.example.",
    );
    const rows = JSON.parse((await users(["list", "--json"], env)).stdout) as {
      email: string;
      role: string;
    }[];
    expect(rows).toEqual([expect.objectContaining({ email: "bo@corp.example", role: "admin" })]);
  });

  it.each([
    [["add", "not-an-email"], "email: must be a valid e-mail address"],
    [["set-role", "bo@corp.example", "boss"], "role: must be one of support, manager, admin"],
    [["add", "x@corp.example", "--role", "root"], "--role: must be one of support, manager, admin"],
    [["frobnicate"], 'unknown command "frobnicate"'],
    [["remove"], "remove: expected 1 argument(s), got 0"],
    [["add", "x@corp.example", "--colour", "red"], "Unknown option '--colour'"],
  ])("refuses bad input %j with exit code 2 naming the field", async (args, message) => {
    const result = await users(args, env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain("Usage: npm run users");
  });

  it("reports missing and duplicate accounts and short piped passwords", async () => {
    const missing = await users(["remove", "ghost@corp.example"], env);
    expect([missing.code, missing.stderr.trim()]).toEqual([
      1,
      "error: no user with e-mail ghost@corp.example",
    ]);
    const duplicate = await users(["add", "BO@corp.example"], env);
    expect([duplicate.code, duplicate.stderr.trim()]).toEqual([
      1,
      "error: a user with e-mail bo@corp.example already exists",
    ]);
    const short = await users(
      ["set-password", "bo@corp.example", "--password-stdin"],
      env,
      "short",
    );
    expect(short.code).toBe(2);
    expect(short.stderr).toContain("password: must be at least 8 characters");
  });

  it("refuses to open the embedded database while the console runs on it", async () => {
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    try {
      writeFileSync(path.join(dataDir, "console.pid"), `${holder.pid}\n`);
      const result = await users(["list"], env);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`The console (pid ${holder.pid}) is running`);
    } finally {
      holder.kill();
      rmSync(path.join(dataDir, "console.pid"), { force: true });
    }
  });

  it("names a bad configuration variable", async () => {
    const result = await users(["list"], { ...env, DATABASE_URL: "mysql://nope" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("DATABASE_URL: must be a postgres:// URL");
  });
});

describe("npm run users (PostgreSQL via DATABASE_URL)", SLOW, () => {
  const dbName = `cc_users_${Date.now()}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  const admin = () => new Client({ connectionString: ADMIN_URL });

  beforeAll(async () => {
    const c = admin();
    await c.connect();
    await c.query(`create database ${dbName}`);
    await c.end();
  });
  afterAll(async () => {
    const c = admin();
    await c.connect();
    await c.query(`drop database if exists ${dbName} with (force)`);
    await c.end();
  });

  it("manages accounts in PostgreSQL", async () => {
    const env = { DATABASE_URL: url.toString() };
    expect((await users(["add", "pg@corp.example", "--role", "admin"], env)).code).toBe(0);
    const rows = JSON.parse((await users(["list", "--json"], env)).stdout) as {
      email: string;
      role: string;
    }[];
    expect(rows).toEqual([expect.objectContaining({ email: "pg@corp.example", role: "admin" })]);
  });
});
