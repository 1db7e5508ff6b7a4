import "server-only";

import type { Db } from "@/lib/db/client";

import type { GenerationFailure, PassReport } from "./engine";
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
  requested: boolean;
  intervalSeconds: number;
  retentionDays: number;
};

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
  const lastRun = s.lastRun as { records?: unknown; passes?: PassReport[] } | null;
  const records = lastRun?.records;
  const unavailable = (lastRun?.passes ?? []).flatMap((p) => p.unavailable ?? []);
  const failing = s.consecutiveFailures > 0;
  const lastAttempt = msOf(s.lastAttemptAt);
  const requested = msOf(s.requestedAt);
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
    requested: requested !== null && (lastAttempt === null || requested > lastAttempt),
    intervalSeconds: config.intervalSeconds,
    retentionDays: config.retentionDays,
  };
}
