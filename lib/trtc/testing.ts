import "server-only";

import pino, { type Logger } from "pino";
import { afterAll, beforeAll, beforeEach } from "vitest";

import { EMULATOR_DEFAULTS } from "@/emulator/src/defaults";
import { startEmulator, type Emulator, type EmulatorOptions } from "@/emulator/src/server";
import type { TrtcConfig } from "@/lib/env";

import { createTrtcClient, type TrtcClientOptions } from "./client";

// Shared set-up for the integration tests: a real emulator on an ephemeral port, a client pointed
// at it over real HTTP, and a logger that keeps every line so tests can read what was logged.

export type LogLine = Record<string, unknown> & { msg?: string; level?: number };

export function memoryLogger(): { logger: Logger; lines: LogLine[]; text: () => string } {
  const raw: string[] = [];
  const logger = pino({ level: "debug" }, { write: (s: string) => void raw.push(s) });
  return {
    logger,
    get lines() {
      return raw.map((s) => JSON.parse(s) as LogLine);
    },
    text: () => raw.join(""),
  };
}

export async function emulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({
    port: 0,
    calls: 200,
    seed: 1,
    recordDelayMs: 0,
    rateLimit: false,
    ...options,
  });
}

/**
 * One emulator for the enclosing test file or describe block, closed after it and reset before each
 * test unless `reset: false`. The handle is readable once the block's beforeAll has run.
 */
export function sharedEmulator({
  reset = true,
  ...options
}: EmulatorOptions & { reset?: boolean } = {}): Pick<Emulator, "url" | "store"> {
  let emu: Emulator | undefined;
  const started = () => {
    if (!emu) throw new Error("the shared emulator starts in beforeAll");
    return emu;
  };
  const handle = {
    get url() {
      return started().url;
    },
    get store() {
      return started().store;
    },
  };
  beforeAll(async () => {
    emu = await emulator(options);
  });
  afterAll(async () => {
    await emu?.close();
  });
  if (reset) {
    beforeEach(async () => {
      await control(handle, "POST", "reset");
    });
  }
  return handle;
}

export function configFor(
  emu: Pick<Emulator, "url">,
  overrides: Partial<TrtcConfig> = {},
): TrtcConfig {
  return {
    mode: "embedded",
    sdkAppId: EMULATOR_DEFAULTS.sdkAppId,
    secretKey: EMULATOR_DEFAULTS.secretKey,
    identifier: "administrator",
    chatBaseUrl: emu.url,
    callkitBaseUrl: emu.url,
    recordsApi: "both",
    ...overrides,
  };
}

export function clientFor(
  emu: Pick<Emulator, "url">,
  overrides: Partial<TrtcConfig> = {},
  options: TrtcClientOptions = {},
) {
  const log = memoryLogger();
  const client = createTrtcClient(configFor(emu, overrides), {
    logger: log.logger,
    backoffBaseMs: 5,
    backoffMaxMs: 20,
    ...options,
  });
  return { client, log };
}

/** Calls the emulator's control endpoint. */
export async function control(
  emu: Pick<Emulator, "url">,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const res = await fetch(`${emu.url}/__emulator/${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json: unknown = await res.json();
  if (!res.ok) throw new Error(`control ${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

export type ScriptedCall = {
  callId: string;
  startedAt: number;
  roomId: string;
  roomIdType: number;
  chatGroupId: string;
};

export async function scriptCall(
  emu: Pick<Emulator, "url">,
  call: Record<string, unknown>,
): Promise<ScriptedCall> {
  return (await control(emu, "POST", "calls", call)) as ScriptedCall;
}

/** Upstream-call log lines (one per attempt). */
export function upstreamLines(lines: LogLine[], operation?: string): LogLine[] {
  return lines.filter(
    (l) => typeof l.attempt === "number" && (operation === undefined || l.operation === operation),
  );
}
