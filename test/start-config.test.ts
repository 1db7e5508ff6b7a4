import { mkdtempSync, readFileSync, rmSync, statSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { loadOrCreateLauncherSecrets, SECRETS_FILE } from "@/lib/auth/launcher-secrets";
import { EnvError, parseEnv } from "@/lib/env";
import { runScript } from "@/test/run-script";

describe("npm start refuses a bad configuration, naming the variable", { timeout: 60_000 }, () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "cc-start-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it.each([
    [{ PORT: "eighty" }, "PORT: "],
    [{ PORT: "70000" }, "PORT:"],
    [
      { TRTC_SDK_APP_ID: "1400123456", NEXTAUTH_SECRET: "x".repeat(32) },
      "TRTC_SECRET_KEY: set TRTC_SECRET_KEY or TRTC_ADMIN_USERSIG",
    ],
    [
      { TRTC_SDK_APP_ID: "1400123456", TRTC_SECRET_KEY: "k" },
      "NEXTAUTH_SECRET: required when TRTC_SDK_APP_ID is set",
    ],
    [{ TRTC_REGION: "mars" }, "TRTC_REGION:"],
    [{ DEMO_PASSWORD: "short" }, "DEMO_PASSWORD: must be at least 8 characters"],
    [
      { AUTH_OIDC_ISSUER: "https://sso.corp.example" },
      "AUTH_OIDC_CLIENT_ID: required when AUTH_OIDC_ISSUER is set",
    ],
    [{ DATABASE_URL: "mysql://db" }, "DATABASE_URL: must be a postgres:// URL"],
  ])("%j", async (env, message) => {
    const result = await runScript("scripts/start.ts", [], { env: { ...env, DATA_DIR: dataDir } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Invalid configuration");
    expect(result.stderr).toContain(message);
    // Nothing was started: no build output, no pid file left behind.
    expect(result.stdout).not.toContain("Building");
    expect(existsSync(path.join(dataDir, "console.pid"))).toBe(false);
  });
});

describe("parseEnv", () => {
  it("defaults to embedded mode pointing at the emulator", () => {
    const env = parseEnv({ EMULATOR_PORT: "4999" });
    expect(env.embedded).toBe(true);
    expect(env.trtc).toMatchObject({
      mode: "embedded",
      chatBaseUrl: "http://127.0.0.1:4999",
      callkitBaseUrl: "http://127.0.0.1:4999",
    });
    expect(env.PORT).toBe(3000);
    expect(env.AUTH_OIDC_SCOPE).toBe("openid email profile");
  });

  it("treats an empty TRTC_SDK_APP_ID (as in .env.example) as unset", () => {
    expect(parseEnv({ TRTC_SDK_APP_ID: "" }).embedded).toBe(true);
  });

  it("collects every problem, each with its variable", () => {
    try {
      parseEnv({ PORT: "x", SYNC_INTERVAL: "0", AUTH_OIDC_ISSUER: "ftp://sso" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      expect((error as EnvError).issues.map((i) => i.variable).sort()).toEqual([
        "AUTH_OIDC_ISSUER",
        "PORT",
        "SYNC_INTERVAL",
      ]);
    }
  });

  it("parses the OIDC group lists", () => {
    const env = parseEnv({
      AUTH_OIDC_ADMIN_GROUPS: "ops, console-admins ,",
      AUTH_OIDC_SUPPORT_GROUPS: "",
    });
    expect(env.AUTH_OIDC_ADMIN_GROUPS).toEqual(["ops", "console-admins"]);
    expect(env.AUTH_OIDC_SUPPORT_GROUPS).toEqual([]);
  });
});

describe("launcher secrets (embedded mode)", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "cc-secrets-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("generates them once into an owner-only file and keeps them across restarts", () => {
    const first = loadOrCreateLauncherSecrets(dataDir, {});
    const file = path.join(dataDir, SECRETS_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.nextauthSecret.length).toBeGreaterThanOrEqual(32);
    expect(first.demoPassword).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(first.demoPasswordSource).toBe("generated");
    expect(loadOrCreateLauncherSecrets(dataDir, {})).toEqual(first);
  });

  it("lets the environment win without writing it to disk", () => {
    const fromEnv = loadOrCreateLauncherSecrets(dataDir, {
      demoPassword: "chosen-password",
      nextauthSecret: "s".repeat(40),
    });
    expect(fromEnv).toMatchObject({
      demoPassword: "chosen-password",
      nextauthSecret: "s".repeat(40),
      demoPasswordSource: "env",
    });
    expect(readFileSync(path.join(dataDir, SECRETS_FILE), "utf8")).not.toContain("chosen-password");
  });
});

describe(".env.example", () => {
  it("parses as the default embedded configuration", async () => {
    const { readFileSync } = await import("node:fs");
    const text = readFileSync(path.join(import.meta.dirname, "..", ".env.example"), "utf8");
    const vars = Object.fromEntries(
      text
        .split("\n")
        .filter((line) => /^[A-Z0-9_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
    );
    const env = parseEnv(vars);
    expect(env.embedded).toBe(true);
    expect(env.PORT).toBe(3000);
    // Every variable lib/env.ts parses is documented there.
    const envSource = readFileSync(path.join(import.meta.dirname, "..", "lib", "env.ts"), "utf8");
    const known = [...envSource.matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]);
    expect(known.length).toBeGreaterThan(20);
    expect(Object.keys(vars)).toEqual(expect.arrayContaining(known));
  });
});
