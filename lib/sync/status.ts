import "server-only";

import type { Db } from "@/lib/db/client";

import type { PassReport } from "./engine";
import { incompleteSlicesOf, type IncompleteSlice } from "./incomplete";
import type { GenerationFailure } from "./probe";
import { readState, isoOf, msOf } from "./state";

export type SyncStatus = {
  state: "never" | "backfilling" | "ok" | "failing";
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  lagSeconds: number | null;
  records: number | null;
  backfillProgress: number | null;
  lastError: { message: string; at: string | null } | null;
  consecutiveFailures: number;
  /** Generations that sat the last pass out because Tencent kept refusing them. */
  unavailable: GenerationFailure[];
  /** Slices still short of Tencent's count after their re-reads; each pass reads them again. */
  incomplete: IncompleteSlice[];
  requested: boolean;
  /** Where a pass stands now: asked for and not started, under way, or neither. */
  activity: "queued" | "running" | "idle";
  /** How the latest pass that ended came out: indexed calls (and those written by it), or the error. */
  lastPass:
    | { outcome: "finished"; at: string; records: number | null; written: number | null }
    | { outcome: "failed"; at: string; message: string }
    | null;
  intervalSeconds: number;
  retentionDays: number;
};

// A pass that started this long ago without ending belongs to an instance that stopped mid-pass.
const RUN_ABANDONED_MS = 30 * 60_000;

type LastRun = {
  records?: unknown;
  passes?: (Pick<PassReport, "unavailable"> & { written?: unknown })[];
} | null;

function writtenBy(run: LastRun): number | null {
  if (!Array.isArray(run?.passes)) return null;
  return run.passes.reduce((n, p) => n + (typeof p.written === "number" ? p.written : 0), 0);
}

export async function getSyncStatus(
  db: Db,
  config: { intervalSeconds: number; retentionDays: number; now?: () => number },
): Promise<SyncStatus> {
  const s = await readState(db);
  const now = (config.now ?? Date.now)();
  const through = msOf(s.syncedThrough);
  const until = msOf(s.backfillUntil);
  const cursor = msOf(s.backfillCursor);
  const windowStart = until === null ? null : until - 7 * 86_400_000;
  const backfillProgress =
    until !== null && cursor !== null && windowStart !== null
      ? Math.max(0, Math.min(1, (cursor - windowStart) / (until - windowStart)))
      : null;
  const run = s.lastRun as LastRun;
  const records = run?.records;
  const unavailable = (run?.passes ?? []).flatMap((p) => p.unavailable ?? []);
  const failing = s.consecutiveFailures > 0;
  const lastAttempt = msOf(s.lastAttemptAt);
  const requested = msOf(s.requestedAt);
  const succeeded = msOf(s.lastSuccessAt);
  const errored = msOf(s.lastErrorAt);
  const ended = Math.max(succeeded ?? -1, errored ?? -1);
  const isRequested = requested !== null && (lastAttempt === null || requested > lastAttempt);
  const running =
    lastAttempt !== null && lastAttempt > ended && now - lastAttempt < RUN_ABANDONED_MS;
  const lastPass: SyncStatus["lastPass"] =
    ended < 0
      ? null
      : errored !== null && errored === ended && s.lastError
        ? { outcome: "failed", at: isoOf(s.lastErrorAt)!, message: s.lastError }
        : {
            outcome: "finished",
            at: isoOf(s.lastSuccessAt)!,
            records: typeof records === "number" ? records : null,
            written: writtenBy(run),
          };
  return {
    state: failing
      ? "failing"
      : s.backfilledGenerations.length === 0 || backfillProgress !== null
        ? s.lastAttemptAt
          ? "backfilling"
          : "never"
        : "ok",
    lastSuccessAt: isoOf(s.lastSuccessAt),
    lastAttemptAt: isoOf(s.lastAttemptAt),
    lagSeconds: through === null ? null : Math.max(0, Math.round((now - through) / 1000)),
    records: typeof records === "number" ? records : null,
    backfillProgress,
    lastError: s.lastError ? { message: s.lastError, at: isoOf(s.lastErrorAt) } : null,
    consecutiveFailures: s.consecutiveFailures,
    unavailable: failing ? [] : unavailable,
    incomplete: incompleteSlicesOf(s.incompleteSlices),
    requested: isRequested,
    activity: isRequested ? "queued" : running ? "running" : "idle",
    lastPass,
    intervalSeconds: config.intervalSeconds,
    retentionDays: config.retentionDays,
  };
}
