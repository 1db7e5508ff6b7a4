// `npm start` / `npm run dev`: validates the configuration, starts the emulator in embedded mode,
// builds the console when no up-to-date build exists, serves it, and prints where and how to sign
// in. All database work happens inside the Next.js server (PGlite allows one process per data dir).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

import nextEnv from "@next/env";

import { DEMO_ACCOUNTS } from "@/lib/auth/demo";
import { loadOrCreateLauncherSecrets, SECRETS_FILE } from "@/lib/auth/launcher-secrets";
import { removePidFile, writePidFile } from "@/lib/db/data-dir-lock";
import { EnvError, parseEnv, type Env } from "@/lib/env";

const ROOT = path.resolve(import.meta.dirname, "..");
const require = createRequire(import.meta.url);
const NEXT_BIN = require.resolve("next/dist/bin/next");
const TSX_CLI = require.resolve("tsx/cli");
const CLIENT_ERROR_ANSWERS = pathToFileURL(path.join(ROOT, "scripts/client-error-answers.mjs"));
// Stamps each request with the connected peer's address (see lib/auth/client-address.ts).
const PEER_ADDRESS_PRELOAD = pathToFileURL(path.join(ROOT, "scripts/peer-address.mjs")).href;
const dev = process.argv.includes("--dev");

const children = new Set<ChildProcess>();
let shuttingDown = false;

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

function run(name: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: "inherit" });
  children.add(child);
  child.on("exit", (code, signal) => {
    children.delete(child);
    if (!shuttingDown) {
      console.error(
        `${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); shutting down.`,
      );
      void shutdown(1);
    }
  });
  return child;
}

async function shutdown(code: number): Promise<never> {
  shuttingDown = true;
  const waiting = [...children].map(
    (child) =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        // PGlite and the emulator close quickly; do not hang forever on a stuck child.
        setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
      }),
  );
  await Promise.all(waiting);
  if (dataDir) removePidFile(dataDir);
  process.exit(code);
}

async function waitFor(url: string, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (shuttingDown) return;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.status < 500 || res.status === 503) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  console.error(`${what} did not become ready within ${timeoutMs / 1000} s (${url}).`);
  await shutdown(1);
}

// Sources whose change makes an existing production build stale.
const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "hooks",
  "proxy.ts",
  "instrumentation.ts",
  "instrumentation-node.ts",
  "next.config.mjs",
  "postcss.config.mjs",
  "package-lock.json",
  "tsconfig.json",
];

function newestMtime(entry: string): number {
  const full = path.join(ROOT, entry);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(entry) ? 0 : stat.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(full))
    newest = Math.max(newest, newestMtime(path.join(entry, name)));
  return newest;
}

function buildIsCurrent(): boolean {
  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return false;
  const built = statSync(buildId).mtimeMs;
  return BUILD_INPUTS.every((entry) => newestMtime(entry) <= built);
}

async function build(env: NodeJS.ProcessEnv): Promise<void> {
  console.log("Building the console (first start or sources changed)…");
  const started = Date.now();
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [NEXT_BIN, "build"], {
      cwd: ROOT,
      env,
      stdio: "inherit",
    });
    children.add(child);
    child.on("exit", (c) => {
      children.delete(child);
      resolve(c);
    });
  });
  if (shuttingDown) return;
  if (code !== 0) fail(`next build failed (exit code ${code}).`);
  console.log(`Build finished in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
}

let dataDir: string | undefined;

async function main(): Promise<void> {
  // Read .env / .env.local exactly as the Next.js server will, so both agree on the configuration.
  nextEnv.loadEnvConfig(ROOT, dev, { info: () => {}, error: console.error });
  let env: Env;
  try {
    env = parseEnv(process.env);
  } catch (error) {
    if (error instanceof EnvError) fail(error.message, 2);
    throw error;
  }

  dataDir = path.resolve(ROOT, env.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  writePidFile(dataDir);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      if (!shuttingDown) console.log(`\n${signal}: stopping the console…`);
      void shutdown(0);
    });
  }

  const secrets = env.embedded
    ? loadOrCreateLauncherSecrets(dataDir, {
        nextauthSecret: env.NEXTAUTH_SECRET,
        demoPassword: env.DEMO_PASSWORD,
      })
    : null;
  const url = env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(env.PORT),
    NEXTAUTH_URL: url,
    NEXT_TELEMETRY_DISABLED: "1",
    // Readable logs in a terminal; the server itself never guesses, so without the launcher it
    // writes JSON lines.
    LOG_FORMAT: env.LOG_FORMAT ?? (process.stdout.isTTY ? "pretty" : "json"),
    ...(secrets
      ? { NEXTAUTH_SECRET: secrets.nextauthSecret, DEMO_PASSWORD: secrets.demoPassword }
      : {}),
  };

  if (env.embedded) {
    run("The emulator", [TSX_CLI, "emulator/src/main.ts"], {
      ...childEnv,
      EMULATOR_PORT: String(env.EMULATOR_PORT),
      EMULATOR_SDK_APP_ID: String(env.EMULATOR_SDK_APP_ID),
      EMULATOR_SECRET_KEY: env.EMULATOR_SECRET_KEY,
    });
  }

  if (!dev && !buildIsCurrent()) await build({ ...childEnv, NODE_ENV: "production" });
  if (shuttingDown) return;

  if (env.embedded)
    await waitFor(
      `http://127.0.0.1:${env.EMULATOR_PORT}/__emulator/health`,
      "The emulator",
      120_000,
    );
  run("The console", [NEXT_BIN, dev ? "dev" : "start", "-p", String(env.PORT)], {
    ...childEnv,
    NODE_ENV: dev ? "development" : "production",
    // Through NODE_OPTIONS, so `next dev`'s own server child loads them too.
    NODE_OPTIONS: [
      process.env.NODE_OPTIONS,
      `--import=${CLIENT_ERROR_ANSWERS.href}`,
      `--import=${PEER_ADDRESS_PRELOAD}`,
    ]
      .filter(Boolean)
      .join(" "),
  });
  await waitFor(`http://127.0.0.1:${env.PORT}/api/health`, "The console", 120_000);
  if (shuttingDown) return;

  const lines = [
    "",
    `Call Console is running at ${url}${dev ? " (development mode)" : ""}`,
    env.embedded
      ? `  Mode: demo — no Tencent app configured; calls come from the emulator on port ${env.EMULATOR_PORT}`
      : `  Mode: Tencent app ${env.trtc.sdkAppId} (${env.TRTC_REGION})`,
  ];
  if (secrets) {
    lines.push(
      `  Sign in as ${DEMO_ACCOUNTS.map((a) => a.email).join(", ")}`,
      `  Password: ${secrets.demoPassword}` +
        (secrets.demoPasswordSource === "env"
          ? "  (from DEMO_PASSWORD)"
          : `  (generated, kept in ${path.join(env.DATA_DIR, SECRETS_FILE)})`),
    );
  } else {
    lines.push("  Sign in with an account created by `npm run users -- add` or through SSO");
  }
  lines.push("Press Ctrl+C to stop.", "");
  console.log(lines.join("\n"));
}

main().catch((error: unknown) => {
  console.error("The console failed to start:", error instanceof Error ? error.message : error);
  void shutdown(1);
});
