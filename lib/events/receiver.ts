import "server-only";

import type { Generation } from "@/lib/calls/types";
import { getDbHandle, type DbHandle } from "@/lib/db/client";
import type { Executor } from "@/lib/db/executor";
import { getEnv } from "@/lib/env";
import { log } from "@/lib/log";

import { checkSign, sameSecret } from "./callback-auth";
import { callbackToken, recordRejection } from "./callback-state";
import { createEventWriter, type EventWriter } from "./event-writer";
import { identifyDelivery, normalizeDelivery } from "./normalize";

// POST /api/tencent/callbacks/<token>: the one route without a staff session. It checks the path
// token, the SDKAppID and (v4, when configured) Tencent's Sign, stores the events, and answers in
// the form Tencent expects only after the commit. Nothing here logs the path or query: the token is in it.

export const MAX_CALLBACK_BYTES = 64 * 1024;

export type ReceiverConfig = {
  handle: { db: Executor; driver: DbHandle["driver"] };
  /** Events per statement at most (default 1000); the benchmark sets 1 to measure without batching. */
  maxEventsPerWrite?: number;
  /** Statements in flight at once (default 1: on PostgreSQL too, more made the acks slower). */
  writeConcurrency?: number;
  sdkAppId: number;
  authToken?: string;
  now?: () => number;
};

const ACK: Record<Generation, string> = {
  v4: JSON.stringify({ ActionStatus: "OK", ErrorInfo: "", ErrorCode: 0 }),
  v1: JSON.stringify({ ErrorCode: 0, ErrorMessage: "Success" }),
};

function answer(generation: Generation, status: number, errorCode = 0, message = ""): Response {
  const body =
    errorCode === 0
      ? ACK[generation]
      : generation === "v4"
        ? JSON.stringify({ ActionStatus: "FAIL", ErrorInfo: message, ErrorCode: errorCode })
        : JSON.stringify({ ErrorCode: errorCode, ErrorMessage: message });
  return new Response(body, {
    status,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
  });
}

const unauthorized = () =>
  new Response(null, { status: 401, headers: { "Cache-Control": "no-store" } });

// Per database: the token is made once and never changes, and one writer batches for all requests.
const tokens = new WeakMap<Executor, Promise<string>>();
const writers = new WeakMap<Executor, EventWriter>();

function tokenOf(db: Executor): Promise<string> {
  let token = tokens.get(db);
  if (!token) {
    token = callbackToken(db);
    token.catch(() => tokens.delete(db));
    tokens.set(db, token);
  }
  return token;
}

function writerOf({ handle, maxEventsPerWrite, writeConcurrency }: ReceiverConfig): EventWriter {
  let writer = writers.get(handle.db);
  if (!writer) {
    writer = createEventWriter(handle.db, {
      concurrency: writeConcurrency ?? 1,
      maxEvents: maxEventsPerWrite ?? 1000,
    });
    writers.set(handle.db, writer);
  }
  return writer;
}

// A flood of bad requests costs at most this many counter writes at a time; the rest go uncounted.
const MAX_PENDING_REJECTIONS = 4;
let pendingRejections = 0;

function reject(db: Executor, generation: Generation | "unknown", reason: string): void {
  log.warn({ event: "callback_rejected", generation, reason }, "callback rejected");
  if (pendingRejections >= MAX_PENDING_REJECTIONS) return;
  pendingRejections++;
  recordRejection(db, generation, reason)
    .catch(() => {})
    .finally(() => pendingRejections--);
}

/** The body as text, or null once it passes `limit` bytes (read no further than that). */
async function readLimited(req: Request, limit: number): Promise<string | null> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit) return null;
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function receiveCallback(
  req: Request,
  pathToken: string,
  config?: ReceiverConfig,
): Promise<Response> {
  const env = config ? null : getEnv();
  const cfg: ReceiverConfig = config ?? {
    handle: await getDbHandle(),
    sdkAppId: env!.trtc.sdkAppId,
    authToken: env!.TENCENT_CALLBACK_AUTH_TOKEN,
  };
  const { db } = cfg.handle;
  const now = cfg.now?.() ?? Date.now();
  const query = new URL(req.url).searchParams;
  const header = identifyDelivery(query);
  const generation = header?.generation ?? "unknown";

  let expected: string;
  try {
    expected = await tokenOf(db);
  } catch (error) {
    log.error({ event: "callback_store_failed", err: error }, "callback token unavailable");
    return answer(header?.generation ?? "v4", 503, 1, "temporarily unavailable");
  }
  if (!sameSecret(pathToken, expected)) {
    reject(db, generation, "token");
    return unauthorized();
  }
  if (!header || header.appId.trim() !== String(cfg.sdkAppId)) {
    reject(db, generation, "app");
    return unauthorized();
  }
  if (header.generation === "v4" && cfg.authToken) {
    const sign = checkSign(query, cfg.authToken, now);
    if (sign !== "ok") {
      reject(db, "v4", `sign_${sign}`);
      return unauthorized();
    }
  }

  const raw = await readLimited(req, MAX_CALLBACK_BYTES).catch(() => undefined);
  if (raw === undefined) return answer(header.generation, 400, 1, "body could not be read");
  if (raw === null) {
    reject(db, header.generation, "too_large");
    return answer(header.generation, 413, 1, "body too large");
  }
  const normalized = normalizeDelivery(header, raw, new Date(now));
  if (!normalized.ok) {
    reject(db, header.generation, normalized.reason);
    return answer(header.generation, 400, 1, normalized.reason);
  }
  try {
    await writerOf(cfg).write(normalized.events);
  } catch (error) {
    log.error(
      { event: "callback_store_failed", generation: header.generation, err: error },
      "callback could not be stored; Tencent will retry",
    );
    return answer(header.generation, 503, 1, "temporarily unavailable");
  }
  return answer(header.generation, 200);
}
