import { EMULATOR_DEFAULTS } from "./defaults";
import type { RateLimitAlgorithm } from "./rate-limit";
import { parseReadings, type Readings } from "./readings";
import type { EmulatorOptions } from "./server";

const READING_ENV: Record<keyof Readings, string> = {
  filterTimeField: "EMULATOR_FILTER_TIME_FIELD",
  filterOrder: "EMULATOR_FILTER_ORDER",
  v1NotFoundCode: "EMULATOR_V1_NOT_FOUND_CODE",
  v1Window: "EMULATOR_V1_WINDOW",
  v4ResultFormat: "EMULATOR_V4_RESULT_FORMAT",
  v4RoomIdTypeFormat: "EMULATOR_V4_ROOM_ID_TYPE_FORMAT",
  v1CallbackCase: "EMULATOR_V1_CALLBACK_CASE",
};

// EMULATOR_* environment variables → startEmulator options. Every bad value is reported with the
// variable's name; all problems are collected so one run shows them all.

export class CliConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid emulator configuration:\n${problems.map((p) => `  ${p}`).join("\n")}`);
  }
}

export function optionsFromEnv(env: Record<string, string | undefined>): EmulatorOptions {
  const problems: string[] = [];
  const get = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v === undefined || v === "" ? undefined : v;
  };
  const int = (name: string, min: number, max: number): number | undefined => {
    const v = get(name);
    if (v === undefined) return undefined;
    if (!/^-?\d+$/.test(v) || Number(v) < min || Number(v) > max) {
      problems.push(`${name}=${JSON.stringify(v)}: must be a whole number from ${min} to ${max}`);
      return undefined;
    }
    return Number(v);
  };
  const fraction = (name: string): number | undefined => {
    const v = get(name);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0 || n > 1) {
      problems.push(`${name}=${JSON.stringify(v)}: must be a number from 0 to 1`);
      return undefined;
    }
    return n;
  };
  const bool = (name: string): boolean | undefined => {
    const v = get(name)?.toLowerCase();
    if (v === undefined) return undefined;
    if (["1", "true", "on", "yes"].includes(v)) return true;
    if (["0", "false", "off", "no"].includes(v)) return false;
    problems.push(`${name}=${JSON.stringify(v)}: must be true or false`);
    return undefined;
  };

  const algorithm = (): RateLimitAlgorithm | undefined => {
    const v = get("EMULATOR_RATE_LIMIT_ALGORITHM");
    if (v === undefined || v === "sliding-window" || v === "token-bucket") return v;
    problems.push(
      `EMULATOR_RATE_LIMIT_ALGORITHM=${JSON.stringify(v)}: must be sliding-window or token-bucket`,
    );
    return undefined;
  };
  const admins = get("EMULATOR_ADMINS")
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (admins !== undefined && admins.length === 0)
    problems.push("EMULATOR_ADMINS: must list at least one identifier");
  const host = get("EMULATOR_HOST");
  const callbackAuthToken = get("EMULATOR_CALLBACK_AUTH_TOKEN");
  if (callbackAuthToken !== undefined && callbackAuthToken.length > 128)
    problems.push("EMULATOR_CALLBACK_AUTH_TOKEN: must be at most 128 characters");
  const parsed = parseReadings(
    {
      filterTimeField: get("EMULATOR_FILTER_TIME_FIELD"),
      filterOrder: get("EMULATOR_FILTER_ORDER"),
      v1NotFoundCode: get("EMULATOR_V1_NOT_FOUND_CODE"),
      v1Window: get("EMULATOR_V1_WINDOW"),
      v4ResultFormat: get("EMULATOR_V4_RESULT_FORMAT"),
      v4RoomIdTypeFormat: get("EMULATOR_V4_ROOM_ID_TYPE_FORMAT"),
      v1CallbackCase: get("EMULATOR_V1_CALLBACK_CASE"),
    },
    (k) => READING_ENV[k],
  );
  problems.push(...parsed.problems);
  const opts: EmulatorOptions = {
    port: int("EMULATOR_PORT", 0, 65535) ?? EMULATOR_DEFAULTS.port,
    host,
    sdkAppId: int("EMULATOR_SDK_APP_ID", 1, 4294967295),
    secretKey: get("EMULATOR_SECRET_KEY"),
    seed: int("EMULATOR_SEED", 0, 4294967295),
    calls: int("EMULATOR_CALLS", 0, 5_000_000),
    liveCalls: int("EMULATOR_LIVE_CALLS", 0, 10_000),
    recordDelayMs: int("EMULATOR_RECORD_DELAY_MS", 0, 3_600_000),
    rateLimit: bool("EMULATOR_RATE_LIMIT") ?? true,
    rateLimitAlgorithm: algorithm(),
    maxPageSize: int("EMULATOR_MAX_PAGE_SIZE", 1, 10_000),
    maxBodyBytes: int("EMULATOR_MAX_BODY_BYTES", 1024, 64 * 1024 * 1024),
    adminIdentifiers: admins,
    logRequests: bool("EMULATOR_LOG_REQUESTS"),
    webhooks: bool("EMULATOR_WEBHOOKS"),
    webhookAnyHost: bool("EMULATOR_WEBHOOK_ANY_HOST"),
    callbackAuthToken,
    readings: Object.keys(parsed.readings).length > 0 ? parsed.readings : undefined,
    faults: {
      latencyMs: int("EMULATOR_LATENCY_MS", 0, 600_000),
      errorRate: fraction("EMULATOR_ERROR_RATE"),
      hangRate: fraction("EMULATOR_HANG_RATE"),
      http502Rate: fraction("EMULATOR_502_RATE"),
    },
  };
  if (problems.length > 0) throw new CliConfigError(problems);
  // Drop unset keys so startEmulator's defaults apply.
  for (const k of Object.keys(opts) as (keyof EmulatorOptions)[])
    if (opts[k] === undefined) delete opts[k];
  for (const k of Object.keys(opts.faults!) as (keyof NonNullable<EmulatorOptions["faults"]>)[]) {
    if (opts.faults![k] === undefined) delete opts.faults![k];
  }
  return opts;
}
