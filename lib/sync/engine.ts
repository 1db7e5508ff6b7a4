import "server-only";

import type { Logger } from "pino";

import { mergeInto } from "@/lib/calls/merge";
import type { CallRecord, Generation } from "@/lib/calls/types";
import { sql } from "drizzle-orm";

import type { Db } from "@/lib/db/client";
import type { SyncStateRow } from "@/lib/db/records-schema";

import { finishBulkLoad, finishBulkLoadApart, inBulkLoad, startBulkLoad } from "./bulk-load";
import {
  fetchSlice,
  Semaphore,
  type RecordSource,
  type Slice,
  type SliceFetchOptions,
} from "./fetch";
import { rollUpHours } from "./rollup-rebuild";
import { readState, updateState, msOf } from "./state";
import { countIndexed, upsertRecords } from "./store";

// One sync pass: the first backfill of Tencent's 7-day window (resumable, slice by slice, the
// checkpoint advanced only past slices already stored), then an incremental
// re-read of the recent past. Everything is an idempotent upsert, so a pass killed at any point
// and run again ends with the same rows.

export const WINDOW_MS = 7 * 24 * 3600_000;

export type SyncSettings = SliceFetchOptions & {
  generations: Generation[];
  /** Length of one slice of the window; each is paged on its own. */
  sliceMs: number;
  /**
   * How far back each incremental pass re-reads. A record appears only when its call ends, and
   * the filter works on start times, so a call that lasted N hours shows up N hours "late".
   */
  overlapMs: number;
  /** Requests in flight per generation (the throttle sets the pace; this only caps waiting). */
  concurrency: number;
  /** Slices fetched ahead of the first one not yet stored. */
  slicesInFlight: number;
  /** Concurrent slice writes (PostgreSQL gains from 2; PGlite runs one statement at a time). */
  writers: number;
  now: () => number;
  logger: Logger;
};

export const DEFAULT_SETTINGS: Omit<SyncSettings, "generations" | "now" | "logger"> = {
  sliceMs: 3600_000,
  overlapMs: 24 * 3600_000,
  pageSize: 100,
  pageRetries: 3,
  retryDelayMs: 500,
  sliceRetries: 3,
  // Enough requests waiting that the throttle, not the round trip, sets the pace even when a
  // loaded machine answers slowly (200/s × ~300 ms); the throttle still caps what goes out.
  concurrency: 64,
  slicesInFlight: 6,
  writers: 2,
};

export type PassReport = {
  kind: "backfill" | "incremental";
  pages: number;
  /** Records read from Tencent (v1 and v4 copies counted once each). */
  fetched: number;
  /** Rows inserted or changed. */
  written: number;
  slices: number;
  unchangedSlices: number;
  durationMs: number;
  /** Time spent writing to the database (backfill), summed over concurrent writes. */
  writeMs?: number;
  /** Backfill into an empty index: read indexes and rollups built once at the end. */
  bulk?: boolean;
  /** Time spent finishing the backfill (building indexes and rollups after a bulk load). */
  finishMs?: number;
};

type SliceData = { records: CallRecord[]; pages: number; fetched: number; unchanged: boolean };

/** Which driver is underneath (node-postgres has a pool; PGlite does not). */
function driverOf(db: Db): "pg" | "pglite" {
  const client = (db as unknown as { $client?: { totalCount?: unknown } }).$client;
  return typeof client?.totalCount === "number" ? "pg" : "pglite";
}

function emptyReport(kind: PassReport["kind"]): PassReport {
  return { kind, pages: 0, fetched: 0, written: 0, slices: 0, unchangedSlices: 0, durationMs: 0 };
}

/** Half-open slices of whole seconds covering [fromMs, toMs). */
export function slicesOf(fromMs: number, toMs: number, sliceMs: number): Slice[] {
  const out: Slice[] = [];
  const step = Math.max(1, Math.floor(sliceMs / 1000));
  const end = Math.ceil(toMs / 1000);
  for (let s = Math.floor(fromMs / 1000); s < end; s += step) {
    out.push({ fromSec: s, toSec: Math.min(end, s + step) });
  }
  return out;
}

/** One record per call: v4 and v1 copies merged (v4 first), into the copy read first. */
export function mergeCopies(perGeneration: Map<string, CallRecord>[]): CallRecord[] {
  const out = new Map<string, CallRecord>();
  for (const copies of perGeneration) {
    for (const [id, record] of copies) {
      const seen = out.get(id);
      if (seen) mergeInto(seen, record);
      else out.set(id, record);
    }
  }
  return [...out.values()];
}

/**
 * Fetches slices ahead (at most `inFlight` beyond the first slice not yet stored) and stores them
 * with up to `writers` concurrent writes. `stored(s)` is called strictly in order, once every slice
 * up to and including `s` is stored, so a checkpoint written there never skips a slice.
 */
async function pipeline(
  slices: Slice[],
  options: { inFlight: number; writers: number },
  fetchOne: (s: Slice) => Promise<SliceData>,
  write: (s: Slice, d: SliceData) => Promise<void>,
  stored: (s: Slice) => Promise<void> = async () => {},
): Promise<void> {
  const fetched = new Map<number, Promise<SliceData>>();
  const done = new Set<number>();
  let prefix = -1; // every slice up to here is stored
  let nextFetch = 0;
  let nextWrite = 0;
  let checkpoints = Promise.resolve();
  const fetchAhead = () => {
    while (nextFetch < slices.length && nextFetch <= prefix + options.inFlight) {
      const p = fetchOne(slices[nextFetch]!);
      p.catch(() => {}); // awaited by a writer; this keeps an early failure from being "unhandled"
      fetched.set(nextFetch++, p);
    }
  };
  const worker = async () => {
    while (nextWrite < slices.length) {
      const i = nextWrite++;
      fetchAhead();
      if (!fetched.has(i)) {
        const p = fetchOne(slices[i]!);
        fetched.set(i, p);
        nextFetch = Math.max(nextFetch, i + 1);
      }
      const data = await fetched.get(i)!;
      fetched.delete(i);
      await write(slices[i]!, data);
      done.add(i);
      while (done.has(prefix + 1)) {
        done.delete(++prefix);
        const s = slices[prefix]!;
        checkpoints = checkpoints.then(() => stored(s));
      }
      fetchAhead();
    }
  };
  fetchAhead();
  await Promise.all(Array.from({ length: Math.max(1, options.writers) }, worker));
  await checkpoints;
}

export async function runSyncPass(
  db: Db,
  source: RecordSource,
  settings: SyncSettings,
): Promise<PassReport[]> {
  const reports: PassReport[] = [];
  const limiters = new Map(
    settings.generations.map((g) => [g, new Semaphore(settings.concurrency)]),
  );

  const fetchOne = async (
    slice: Slice,
    generations: Generation[],
    probe: boolean,
  ): Promise<SliceData> => {
    const parts = await Promise.all(
      generations.map((g) =>
        fetchSlice(
          source,
          g,
          slice,
          limiters.get(g)!,
          settings,
          probe
            ? () =>
                countIndexed(db, g, new Date(slice.fromSec * 1000), new Date(slice.toSec * 1000))
            : undefined,
        ),
      ),
    );
    return {
      records: mergeCopies(parts.map((p) => p.records)),
      pages: parts.reduce((n, p) => n + p.pages, 0),
      fetched: parts.reduce((n, p) => n + p.records.size, 0),
      unchanged: parts.every((p) => p.unchanged),
    };
  };

  let state = await readState(db);
  const pending = settings.generations.filter((g) => !state.backfilledGenerations.includes(g));
  if (pending.length > 0) {
    reports.push(await backfill(db, state, pending, settings, (s) => fetchOne(s, pending, false)));
    state = await readState(db);
  } else if (await inBulkLoad(db)) {
    // Left over by something outside the backfill's own transaction; finishing is idempotent.
    await db.transaction((tx) => finishBulkLoad(tx, { rollups: true }));
  }
  // Incremental: from the checkpoint minus the overlap (never before Tencent's window) to now.
  const started = performance.now();
  const now = settings.now();
  const through = msOf(state.syncedThrough) ?? now;
  const from = Math.max(through - settings.overlapMs, now - WINDOW_MS);
  const report = emptyReport("incremental");
  await pipeline(
    slicesOf(from, now + 1000, settings.sliceMs),
    { inFlight: settings.slicesInFlight, writers: settings.writers },
    (s) => fetchOne(s, settings.generations, true),
    async (_s, data) => {
      if (!data.unchanged) report.written += await upsertRecords(db, data.records);
      report.pages += data.pages;
      report.fetched += data.fetched;
      report.slices++;
      if (data.unchanged) report.unchangedSlices++;
    },
  );
  await updateState(db, { syncedThrough: new Date(now).toISOString() });
  report.durationMs = Math.round(performance.now() - started);
  settings.logger.debug({ event: "sync_incremental_done", ...report }, "record index synced");
  reports.push(report);
  return reports;
}

/**
 * The first read of the whole window for `generations`, resumable: each slice is stored by one
 * statement (atomic), and the cursor follows the stored prefix, so after a crash the next pass
 * resumes at the first slice not known to be stored (re-reading at most those in flight).
 */
async function backfill(
  db: Db,
  state: SyncStateRow,
  generations: Generation[],
  settings: SyncSettings,
  fetchOne: (s: Slice) => Promise<SliceData>,
): Promise<PassReport> {
  const started = performance.now();
  const until = msOf(state.backfillUntil) ?? settings.now();
  const cursor = msOf(state.backfillCursor) ?? until - WINDOW_MS;
  if (!state.backfillUntil) {
    await updateState(db, {
      backfillUntil: new Date(until).toISOString(),
      backfillCursor: new Date(cursor).toISOString(),
    });
  }
  const report = emptyReport("backfill");
  // Into an empty index: read indexes and rollups are built once (bulk-load.ts). On PostgreSQL
  // the rollups follow the stored prefix hour by hour, beside the fetch; a resumed bulk load
  // first rolls up what the interrupted one stored (rows are rewritten, not added to). PGlite
  // rebuilds them at the end: its bulk load drops the start-time index, without which finding
  // one hour's calls means reading them all (3.9× the floor at 1M calls, against 2.05×).
  const bulk = await startBulkLoad(db, driverOf(db));
  const pgBulk = bulk && driverOf(db) === "pg";
  let rolledUpTo = until - WINDOW_MS;
  if (pgBulk && cursor > rolledUpTo) {
    await db.transaction((tx) => rollUpHours(tx, rolledUpTo, cursor));
    rolledUpTo = cursor;
  }
  let writeMs = 0;
  await pipeline(
    slicesOf(cursor, until, settings.sliceMs),
    { inFlight: settings.slicesInFlight, writers: settings.writers },
    fetchOne,
    async (_s, data) => {
      const t = performance.now();
      report.written += await upsertRecords(db, data.records);
      writeMs += performance.now() - t;
      report.pages += data.pages;
      report.fetched += data.fetched;
      report.slices++;
    },
    // The cursor moves only past slices that are all stored (writes may finish out of order). A
    // crash between a write and its checkpoint just means that slice is written again. The hours
    // the cursor passes are rolled up in the same transaction, so on PostgreSQL the rollups always
    // hold exactly the whole hours before the checkpoint.
    async (s) => {
      const to = s.toSec * 1000;
      await db.transaction(async (tx) => {
        await updateState(tx, { backfillCursor: new Date(to).toISOString() });
        if (pgBulk) await rollUpHours(tx, rolledUpTo, to);
      });
      rolledUpTo = to;
      settings.logger.debug(
        { event: "sync_slice_written", toSec: s.toSec },
        "backfill slice stored",
      );
    },
  );
  report.writeMs = Math.round(writeMs);
  const through = msOf(state.syncedThrough);
  const finishMs = performance.now();
  // The bulk load ends in the same transaction that marks the backfill done: either both
  // happen or, after a crash, the next pass sees an unfinished backfill in bulk mode again.
  // On PostgreSQL the dropped indexes and the last hours' rollups are built first, each on a
  // connection of its own, all at once; should that be cut short, the next pass finds the bulk
  // state and finishes it.
  if (pgBulk) await finishBulkLoadApart(db, (tx) => rollUpHours(tx, rolledUpTo, null));
  await db.transaction(async (tx) => {
    if (bulk) await finishBulkLoad(tx, { rollups: !pgBulk });
    await updateState(tx, {
      backfilledAt: new Date(settings.now()).toISOString(),
      // The first backfill's window start; one for a generation added later keeps it.
      indexedFrom: state.indexedFrom ?? new Date(until - WINDOW_MS).toISOString(),
      backfilledGenerations: [...new Set([...state.backfilledGenerations, ...generations])],
      backfillCursor: null,
      backfillUntil: null,
      // An added generation's backfill must not move the checkpoint of the others forward.
      syncedThrough: new Date(through === null ? until : Math.min(through, until)).toISOString(),
    });
  });
  report.finishMs = Math.round(performance.now() - finishMs);
  report.bulk = bulk;
  // Planner statistics and the visibility map for the freshly loaded tables (PGlite has no
  // autovacuum): a user's total is then counted from the participants index alone.
  await db.execute(sql`vacuum (analyze) indexed_call_participants`);
  await db.execute(sql`analyze indexed_calls`);
  report.durationMs = Math.round(performance.now() - started);
  settings.logger.info(
    { event: "sync_backfill_done", generations, ...report },
    "record index backfilled",
  );
  return report;
}
