import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync, chmodSync } from "node:fs";
import path from "node:path";

import { generatePassword } from "@/lib/auth/password";

// Kept in DATA_DIR so sessions and the printed demo password survive restarts; env values win.

export const SECRETS_FILE = "launcher-secrets.json";

type Stored = { nextauthSecret?: string; demoPassword?: string };

export type LauncherSecrets = {
  nextauthSecret: string;
  demoPassword: string;
  demoPasswordSource: "env" | "generated";
};

export function loadOrCreateLauncherSecrets(
  dataDir: string,
  fromEnv: { nextauthSecret?: string; demoPassword?: string },
): LauncherSecrets {
  const file = path.join(dataDir, SECRETS_FILE);
  let stored: Stored = {};
  try {
    stored = JSON.parse(readFileSync(file, "utf8")) as Stored;
  } catch {
    // Missing or unreadable: generate below.
  }
  const next: Stored = {
    nextauthSecret:
      stored.nextauthSecret && stored.nextauthSecret.length >= 32
        ? stored.nextauthSecret
        : randomBytes(32).toString("base64url"),
    demoPassword:
      stored.demoPassword && stored.demoPassword.length >= 8
        ? stored.demoPassword
        : generatePassword(),
  };
  if (next.nextauthSecret !== stored.nextauthSecret || next.demoPassword !== stored.demoPassword) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(next, null, 2) + "\n", { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return {
    nextauthSecret: fromEnv.nextauthSecret ?? next.nextauthSecret!,
    demoPassword: fromEnv.demoPassword ?? next.demoPassword!,
    demoPasswordSource: fromEnv.demoPassword ? "env" : "generated",
  };
}
