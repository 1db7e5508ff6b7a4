import "server-only";

import { hostname } from "node:os";

import { sql } from "drizzle-orm";

import type { DbHandle } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/executor";
import type { SyncStateRow } from "@/lib/db/records-schema";
import { pruneEventsBefore } from "@/lib/events/store";
import { pruneQualityBefore } from "@/lib/quality/archive";
import { fetchFailedCallsQuality } from "@/lib/quality/background";
import { TrtcError } from "@/lib/trtc/errors";
import type { QualityClient } from "@/lib/trtc-cloud/types";

import { runSyncPass, type PassReport, type SyncSettings } from "./engine";
import type { RecordSource } from "./fetch";
import { withSyncLeadership } from "./leader";
import { msOf, readState, updateState } from "./state";
import { pruneBefore } from "./store";

export type SyncLoopOptions = {
  handle: DbHandle;
  source: RecordSource;
  settings: SyncSettings;
  intervalMs: number;
  retentionDays: number;
  tickMs?: number;
  pruneEveryMs?: number;
  maxBackoffMs?: number;
  /** Fetches quality for a few failed calls after each pass; null when not configured. */
  qualityClient?: () => QualityClient | null;
};

export type TickOutcome =
  | { ran: false; reason: "not-due" | "busy" | "stopped" }
  | { ran: true; ok: true; reports: PassReport[] }
  | { ran: true; ok: false; error: string };

export type SyncLoop = {
  start(): void;
  stop(): Promise<void>;
  tick(): Promise<TickOutcome>;
};

const INSTANCE = `${hostname()}:${process.pid}`;

export function nextDelayMs(failures: number, intervalMs: number, maxBackoffMs: number): number {
  if (failures <= 0) return intervalMs;
  return Math.min(5_000 * 2 ** (failures - 1), Math.max(intervalMs, maxBackoffMs));
}

/** Tencent's code and message only, never the URL: it carries the UserSig. */
export function describeError(error: unknown): string {
  if (error instanceof TrtcError) {
    const id = error.requestId ? ` (RequestId ${error.requestId})` : "";
    return `${error.generation} ${error.operation}: ${error.code} ${error.message}${id}`.slice(
      0,
      500,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/usersig=[^&\s]+/gi, "usersig=…").slice(0, 500);
}

function isDue(state: SyncStateRow, now: number, opts: Required<SyncLoopOptions>): boolean {
  const last = msOf(state.lastAttemptAt);
  if (last === null) return true;
  const requested = msOf(state.requestedAt);
  if (requested !== null && requested > last) return true;
  // A backfill that started without failing is unfinished only because its process stopped: the
  // leadership lock keeps a running one to itself, so an interrupted one resumes at once.
  if (state.backfillUntil !== null && state.consecutiveFailures === 0) return true;
  return now - last >= nextDelayMs(state.consecutiveFailures, opts.intervalMs, opts.maxBackoffMs);
}

export function createSyncLoop(options: SyncLoopOptions): SyncLoop {
  const opts: Required<SyncLoopOptions> = {
    tickMs: 2_000,
    pruneEveryMs: 3600_000,
    maxBackoffMs: 300_000,
    qualityClient: () => null,
    ...options,
  };
  const { handle, settings } = opts;
  const db = handle.db;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let current: Promise<TickOutcome> | null = null;

  // Quality is extra: its failure is logged and never fails the record sync.
  async function backgroundQuality(now: number): Promise<void> {
    const client = opts.qualityClient();
    if (!client) return;
    try {
      const report = await fetchFailedCallsQuality(db, client, { now });
      if (report.stopped || report.fetched > 0)
        settings.logger.info({ event: "quality_fetched", ...report }, "failed calls' quality");
    } catch (error) {
      settings.logger.warn(
        { event: "quality_failed", error: describeError(error) },
        "background quality fetch failed",
      );
    }
  }

  async function pass(): Promise<TickOutcome> {
    const now = settings.now();
    const state = await readState(db);
    // Re-checked under the lock: another instance may have just finished a pass.
    if (!isDue(state, now, opts)) return { ran: false, reason: "not-due" };
    await updateState(db, { lastAttemptAt: new Date(now).toISOString(), lastRunBy: INSTANCE });
    try {
      const reports = await runSyncPass(db, opts.source, settings);
      const count =
        rowsOf<{ n: number }>(
          await db.execute(sql`select count(*)::int as n from indexed_calls`),
        )[0]?.n ?? 0;
      let pruned = 0;
      const lastPruned = msOf(state.lastPrunedAt);
      if (lastPruned === null || now - lastPruned >= opts.pruneEveryMs) {
        const cutoff = new Date(now - opts.retentionDays * 86_400_000);
        pruned = await pruneBefore(db, cutoff);
        // Callback events and fetched quality follow the index's retention, on the same schedule.
        await pruneEventsBefore(db, cutoff);
        await pruneQualityBefore(db, cutoff);
        await updateState(db, {
          lastPrunedAt: new Date(now).toISOString(),
          prunedTotal: state.prunedTotal + pruned,
        });
      }
      await backgroundQuality(now);
      await updateState(db, {
        lastSuccessAt: new Date(settings.now()).toISOString(),
        lastError: null,
        consecutiveFailures: 0,
        lastRun: { records: count - pruned, pruned, passes: reports },
      });
      return { ran: true, ok: true, reports };
    } catch (error) {
      const message = describeError(error);
      settings.logger.warn({ event: "sync_failed", error: message }, "record index sync failed");
      await updateState(db, {
        lastError: message,
        lastErrorAt: new Date(settings.now()).toISOString(),
        consecutiveFailures: state.consecutiveFailures + 1,
      }).catch(() => {});
      return { ran: true, ok: false, error: message };
    }
  }

  async function tick(): Promise<TickOutcome> {
    if (stopped) return { ran: false, reason: "stopped" };
    if (current) return current;
    current = (async () => {
      try {
        const state = await readState(db);
        if (!isDue(state, settings.now(), opts)) return { ran: false, reason: "not-due" } as const;
        const led = await withSyncLeadership(handle, pass);
        return led.ran ? led.value : ({ ran: false, reason: "busy" } as const);
      } catch (error) {
        settings.logger.warn(
          { event: "sync_tick_failed", error: describeError(error) },
          "sync tick failed",
        );
        return { ran: true, ok: false, error: describeError(error) } as const;
      } finally {
        current = null;
      }
    })();
    return current;
  }

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      void tick().finally(schedule);
    }, opts.tickMs);
    timer.unref?.();
  };

  return {
    start() {
      stopped = false;
      void tick().finally(schedule);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current?.catch(() => {});
    },
    tick,
  };
}
