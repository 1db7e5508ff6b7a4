import "server-only";

import type { Db } from "@/lib/db/client";

import { readState, isoOf, msOf } from "./state";

// What the status panel, GET /api/sync and /api/health show about the record index.

export type SyncStatus = {
  state: "never" | "backfilling" | "ok" | "failing";
  /** When the last pass finished without error (ISO, UTC). */
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  /** Seconds between now and the instant up to which Tencent's records are indexed. */
  lagSeconds: number | null;
  /** Calls in the index after the last pass. */
  records: number | null;
  /** Share of the first backfill done, 0..1; null when no backfill is running. */
  backfillProgress: number | null;
  lastError: { message: string; at: string | null } | null;
  consecutiveFailures: number;
  /** An admin asked for a pass that has not started yet. */
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
  const records = (s.lastRun as { records?: unknown } | null)?.records;
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
    requested: requested !== null && (lastAttempt === null || requested > lastAttempt),
    intervalSeconds: config.intervalSeconds,
    retentionDays: config.retentionDays,
  };
}
