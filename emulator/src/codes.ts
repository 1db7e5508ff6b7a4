import { randomBytes } from "node:crypto";

// Error codes per generation. The same numbers mean different things in v1 and v4 (reference §6.1),
// so each generation has its own table and nothing maps between them.

export const V4 = {
  OK: 0,
  HTTP_PARSE: 60002,
  JSON_PARSE: 60003,
  ACCOUNT: 60004,
  SDKAPPID_INVALID: 60006,
  RATE_LIMITED: 60007,
  MALFORMED_REQUEST: 60008,
  UNKNOWN_PATH: 60009,
  NOT_ADMIN: 60010,
  SDKAPPID_MISSING: 60012,
  SIG_EXPIRED: 70001,
  SIG_EMPTY: 70002,
  SIG_CHECK_FAILED: 70003,
  SIG_KEY_MISMATCH: 70009,
  SIG_IDENTIFIER_MISMATCH: 70013,
  SIG_SDKAPPID_MISMATCH: 70014,
  APP_NOT_FOUND: 70020,
  ENGINE_INTERNAL: 101001,
  ENGINE_PARAM: 101002,
  CALL_NOT_FOUND: 101004,
  RECORD_NOT_FOUND: 101050,
  CONFIG_INTERNAL: 100001,
  CONFIG_PARAM: 100002,
  CONFIG_MISSING: 100301,
  /** Chat (openim) account APIs: unknown account, invalid parameter, internal error. */
  ACCOUNT_NOT_FOUND: 70107,
  OPENIM_PARAM: 70402,
  OPENIM_INTERNAL: 70500,
} as const;

export const V1 = {
  OK: 0,
  /** The app has no TUICallKit Group Call Version package (only ever injected as a fault). */
  PACKAGE_MISSING: 50001,
  PARAM: 70001,
  SIG_INVALID: 70002,
  SIG_EXPIRED: 70003,
  NOT_ADMIN: 70004,
  RATE_LIMITED: 70005,
  BODY_PARSE: 70009,
  CALLBACK_MISSING: 999,
  /** Tencent documents "other codes: internal error"; the number is the emulator's choice. */
  INTERNAL: 99999,
} as const;

export type Generation = "v1" | "v4";

/** A failure answered inside the generation's envelope (HTTP 200). */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** A payload already serialised to JSON (record pages are built as strings, for speed). */
export class RawJson {
  constructor(readonly json: string) {}
}

/** A payload whose fields sit beside ActionStatus/ErrorCode (Chat APIs), not under `Response`. */
export class TopLevel {
  constructor(readonly fields: Record<string, unknown>) {}
}

let seq = 1000;
let pool = Buffer.alloc(0);
let poolAt = 0;

/** 32 random hex digits; random bytes are drawn in batches since every request needs some. */
function randomHex32(): string {
  if (poolAt + 16 > pool.length) {
    pool = randomBytes(4096);
    poolAt = 0;
  }
  poolAt += 16;
  return pool.toString("hex", poolAt - 16, poolAt);
}

export function v4RequestId(): string {
  seq = seq >= 999_999_999 ? 1000 : seq + 1;
  return `Id-${randomHex32()}-O-Seq-${seq}`;
}

export function v1RequestId(): string {
  return randomHex32();
}

const payloadJson = (p: unknown): string => (p instanceof RawJson ? p.json : JSON.stringify(p));

/** The whole response body as JSON text, in the generation's envelope (payload only on success). */
export function envelope(
  gen: Generation,
  code: number,
  message: string,
  payload?: unknown,
): string {
  if (gen === "v4") {
    const head =
      `{"ActionStatus":"${code === 0 ? "OK" : "FAIL"}","ErrorInfo":${JSON.stringify(code === 0 ? "" : message)},` +
      `"ErrorCode":${code},"RequestId":"${v4RequestId()}"`;
    if (code === 0 && payload instanceof TopLevel) {
      const fields = JSON.stringify(payload.fields).slice(1, -1);
      return fields === "" ? `${head}}` : `${head},${fields}}`;
    }
    return code === 0 && payload !== undefined
      ? `${head},"Response":${payloadJson(payload)}}`
      : `${head}}`;
  }
  const head =
    `{"errorCode":${code},"errorMessage":${JSON.stringify(code === 0 ? "Success" : message)},` +
    `"requestId":"${v1RequestId()}"`;
  return code === 0 && payload !== undefined
    ? `${head},"data":${payloadJson(payload)}}`
    : `${head}}`;
}
