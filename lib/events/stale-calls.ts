import "server-only";

import type { Logger } from "pino";

import { isTrtcError } from "@/lib/call-detail/upstream-error";
import type { DbHandle } from "@/lib/db/client";
import type { Executor } from "@/lib/db/executor";
import { log } from "@/lib/log";
import type { CallInfoResult } from "@/lib/trtc/live";
import type { GetRecordResult } from "@/lib/trtc/records";

import { claimStaleCalls, closeCall, type OpenCall, type StaleRule } from "./store";

// A call whose end callback never came (Tencent retries for seconds only) would stay "live"
// forever. Calls gone quiet are asked about with get_call_info and closed out when Tencent no
// longer has them; the record, when it is there already, gives the real end time.

export type StaleCheckSource = {
  getCallInfo: (callId: string) => Promise<CallInfoResult>;
  getRecord: (callId: string) => Promise<GetRecordResult>;
};

export const STALE_RULE: StaleRule = {
  silentForMs: 60_000,
  recheckAfterMs: 30_000,
  maxOpenMs: 6 * 3_600_000,
  limit: 50,
};
/** A call Tencent cannot be asked about (it keeps failing) is given up on after this long. */
export const GIVE_UP_AFTER_MS = 24 * 3_600_000;
const CONCURRENCY = 4;

export type CloseReason = "record" | "not_live" | "uncheckable" | "expired";
export type StaleReport = { checked: number; closed: { callId: string; reason: CloseReason }[] };

async function checkOne(
  db: Executor,
  source: StaleCheckSource,
  call: OpenCall,
  now: Date,
  logger: Logger,
): Promise<CloseReason | null> {
  let reason: CloseReason;
  let endedAt = call.lastEventAt;
  try {
    const info = await source.getCallInfo(call.callId);
    if (info.call) return null;
    reason = "not_live";
    const found = await source.getRecord(call.callId).catch(() => null);
    if (found?.record?.endedAt) {
      reason = "record";
      endedAt = found.record.endedAt;
    }
  } catch (error) {
    if (!isTrtcError(error)) {
      // Not an ID Tencent's API accepts (a ZodError): it can never be confirmed either way.
      reason = "uncheckable";
    } else if (now.getTime() - Date.parse(call.firstEventAt) > GIVE_UP_AFTER_MS) {
      reason = "expired";
    } else {
      logger.warn(
        { callId: call.callId, code: error.code, requestId: error.requestId },
        "stale call check failed; asking again later",
      );
      return null;
    }
  }
  await closeCall(db, call.callId, reason, endedAt);
  return reason;
}

/** One round: claims calls due for a check (once across instances) and closes those that ended. */
export async function closeStaleCalls(
  db: Executor,
  source: StaleCheckSource,
  options: { rule?: StaleRule; now?: Date; logger?: Logger } = {},
): Promise<StaleReport> {
  const now = options.now ?? new Date();
  const logger = options.logger ?? log.child({ component: "stale-calls" });
  const due = await claimStaleCalls(db, options.rule ?? STALE_RULE, now);
  const closed: StaleReport["closed"] = [];
  for (let i = 0; i < due.length; i += CONCURRENCY) {
    const reasons = await Promise.all(
      due.slice(i, i + CONCURRENCY).map((c) => checkOne(db, source, c, now, logger)),
    );
    reasons.forEach((reason, j) => {
      if (reason) closed.push({ callId: due[i + j]!.callId, reason });
    });
  }
  if (closed.length > 0) logger.info({ checked: due.length, closed }, "stale calls closed");
  return { checked: due.length, closed };
}

export type StaleCallCloser = { stop: () => void; tick: () => Promise<StaleReport | null> };

/** Runs in every instance; the claim in the database keeps them from asking twice. */
export function startStaleCallCloser(
  handle: Pick<DbHandle, "db">,
  source: StaleCheckSource,
  intervalMs = 10_000,
): StaleCallCloser {
  let running: Promise<StaleReport | null> | null = null;
  const tick = () =>
    (running ??= closeStaleCalls(handle.db, source)
      .catch((error: unknown) => {
        log.warn({ err: error }, "stale call round failed");
        return null;
      })
      .finally(() => {
        running = null;
      }));
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer), tick };
}
