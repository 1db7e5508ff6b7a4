import { spawn } from "node:child_process";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { optionsFromEnv } from "../src/cli-config";

// `npm run emulator`: configuration from EMULATOR_* variables, what it prints, clean shutdown.

const root = path.resolve(import.meta.dirname, "../..");

function run(
  env: Record<string, string>,
  stopAfterReady: boolean,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    // node --import tsx rather than the tsx CLI: the CLI relays signals through a parent process
    // that gives the child only 30 ms to acknowledge, which a loaded machine can miss.
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.join(root, "emulator/src/main.ts")],
      {
        cwd: root,
        env: { ...process.env, ...env },
      },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (stopAfterReady && out.includes("Press Ctrl+C")) {
        // Prove it serves before stopping it.
        const url = /v4 \(Chat domain\) base URL:\s+(\S+)/.exec(out)![1]!;
        fetch(`${url}/__emulator/health`)
          .then((r) => r.json())
          .then(
            (h) => {
              out += `\nHEALTH ${JSON.stringify(h)}`;
              child.kill("SIGTERM");
            },
            () => child.kill("SIGTERM"),
          );
      }
    });
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("exit", (code) => resolve({ code, out, err }));
  });
}

describe("CLI", () => {
  it("prints base URLs, SDKAppID, key and admin; serves; stops cleanly on SIGTERM", async () => {
    const r = await run(
      {
        EMULATOR_PORT: "0",
        EMULATOR_CALLS: "25",
        EMULATOR_SDK_APP_ID: "1400555555",
        EMULATOR_SECRET_KEY: "k-123",
        EMULATOR_ADMINS: "root_admin",
      },
      true,
    );
    expect(r.code, `stdout:\n${r.out}\nstderr:\n${r.err}`).toBe(0);
    expect(r.out).toMatch(/v4 \(Chat domain\) base URL:\s+http:\/\/127\.0\.0\.1:\d+/);
    expect(r.out).toMatch(/v1 \(CallKit domain\) base URL:\s+http:\/\/127\.0\.0\.1:\d+/);
    expect(r.out).toContain("SDKAppID:         1400555555");
    expect(r.out).toContain("secret key:       k-123");
    expect(r.out).toContain("admin identifier: root_admin");
    expect(r.out).toContain('HEALTH {"ok":true,"sdkAppId":1400555555,"calls":25');
    expect(r.out).toContain("SIGTERM: stopping");
  });

  it("refuses bad values, naming every variable, with exit code 2", async () => {
    const r = await run(
      { EMULATOR_PORT: "eighty", EMULATOR_CALLS: "-5", EMULATOR_RATE_LIMIT: "maybe" },
      false,
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain("EMULATOR_PORT");
    expect(r.err).toContain("EMULATOR_CALLS");
    expect(r.err).toContain("EMULATOR_RATE_LIMIT");
  });
});

describe("optionsFromEnv", () => {
  it("maps every variable", () => {
    expect(
      optionsFromEnv({
        EMULATOR_PORT: "4999",
        EMULATOR_SDK_APP_ID: "1400000002",
        EMULATOR_SECRET_KEY: "s",
        EMULATOR_SEED: "9",
        EMULATOR_CALLS: "0",
        EMULATOR_LIVE_CALLS: "1",
        EMULATOR_RECORD_DELAY_MS: "0",
        EMULATOR_RATE_LIMIT: "off",
        EMULATOR_RATE_LIMIT_ALGORITHM: "token-bucket",
        EMULATOR_MAX_PAGE_SIZE: "50",
        EMULATOR_ADMINS: "a, b",
        EMULATOR_LATENCY_MS: "20",
        EMULATOR_ERROR_RATE: "0.1",
        EMULATOR_HANG_RATE: "0",
        EMULATOR_502_RATE: "0.05",
        EMULATOR_CALLBACK_AUTH_TOKEN: "tok",
      }),
    ).toEqual({
      port: 4999,
      sdkAppId: 1400000002,
      secretKey: "s",
      seed: 9,
      calls: 0,
      liveCalls: 1,
      recordDelayMs: 0,
      rateLimit: false,
      rateLimitAlgorithm: "token-bucket",
      maxPageSize: 50,
      adminIdentifiers: ["a", "b"],
      callbackAuthToken: "tok",
      faults: { latencyMs: 20, errorRate: 0.1, hangRate: 0, http502Rate: 0.05 },
    });
  });

  it("uses defaults for unset or empty variables", () => {
    expect(optionsFromEnv({ EMULATOR_CALLS: "" })).toEqual({
      port: 4010,
      rateLimit: true,
      faults: {},
    });
  });

  it.each([
    ["EMULATOR_SDK_APP_ID", "abc"],
    ["EMULATOR_SEED", "1.5"],
    ["EMULATOR_ERROR_RATE", "1.5"],
    ["EMULATOR_MAX_PAGE_SIZE", "0"],
    ["EMULATOR_RATE_LIMIT_ALGORITHM", "leaky"],
    ["EMULATOR_ADMINS", " , "],
    ["EMULATOR_CALLBACK_AUTH_TOKEN", "t".repeat(129)],
  ])("%s=%s is refused by name", (name, value) => {
    expect(() => optionsFromEnv({ [name]: value })).toThrow(name);
  });
});
