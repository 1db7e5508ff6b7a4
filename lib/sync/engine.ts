import "server-only";

import { sql } from "drizzle-orm";
import type { Logger } from "pino";

import { mergeInto } from "@/lib/calls/merge";
import type { CallRecord, Generation } from "@/lib/calls/types";
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
import { IncompleteSlices, rereadIncomplete, type GenerationShortSlice } from "./incomplete";
import { probeGenerations, type GenerationFailure } from "./probe";
import { rollUpHours } from "./rollup-rebuild";
import { readState, updateState, msOf } from "./state";
import { countIndexed, upsertRecords } from "./store";

// Every write is an idempotent upsert, so a pass killed at any point and run again ends the same.

export const WINDOW_MS = 7 * 24 * 3600_000;

export type SyncSettings = SliceFetchOptions & {
  generations: Generation[];
  sliceMs: number;
  /** A record appears only when its call ends, but the filter is on start time: re-read this far. */
  overlapMs: number;
  concurrency: number;
  slicesInFlight: number;
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
  concurrency: 64,
  slicesInFlight: 6,
  writers: 2,
};

export type PassReport = {
  kind: "backfill" | "incremental";
  pages: number;
  fetched: number;
  written: number;
  slices: number;
  unchangedSlices: number;
  durationMs: number;
  writeMs?: number;
  bulk?: boolean;
  finishMs?: number;
  /** Generations that failed their probe and sat the pass out. */
  unavailable?: GenerationFailure[];
  /** Slices still short of Tencent's count when the pass ended. */
  incomplete?: number;
};

type SliceData = {
  records: CallRecord[];
  pages: number;
  fetched: number;
  unchanged: boolean;
  short: GenerationShortSlice[];
};

function driverOf(db: Db): "pg" | "pglite" {
  const client = (db as unknown as { $client?: { totalCount?: unknown } }).$client;
  return typeof client?.totalCount === "number" ? "pg" : "pglite";
}

function emptyReport(kind: PassReport["kind"]): PassReport {
  return { kind, pages: 0, fetched: 0, written: 0, slices: 0, unchangedSlices: 0, durationMs: 0 };
}

export function slicesOf(fromMs: number, toMs: number, sliceMs: number): Slice[] {
  const out: Slice[] = [];
  const step = Math.max(1, Math.floor(sliceMs / 1000));
  const end = Math.ceil(toMs / 1000);
  for (let s = Math.floor(fromMs / 1000); s < end; s += step) {
    out.push({ fromSec: s, toSec: Math.min(end, s + step) });
  }
  return out;
}

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

/** `stored(s)` runs in order, once every slice up to `s` is stored, so checkpoints never skip one. */
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
      short: parts.flatMap((p, i) => p.short.map((s) => ({ ...s, generation: generations[i]! }))),
    };
  };

  const { available, unavailable } = await probeGenerations(source, settings);
  if (available.length === 0) throw unavailable[0]!.error;
  let state = await readState(db);
  const incomplete = new IncompleteSlices(
    db,
    state.incompleteSlices,
    settings.generations,
    settings.now() - WINDOW_MS,
  );
  if (incomplete.dropped) await incomplete.save();
  if (unavailable.length > 0) {
    const down = new Set<string>(unavailable.map((u) => u.generation));
    // Back later, it backfills the whole window again: nothing it missed meanwhile is lost.
    if (state.backfilledGenerations.some((g) => down.has(g))) {
      await updateState(db, {
        backfilledGenerations: state.backfilledGenerations.filter((g) => !down.has(g)),
      });
      state = await readState(db);
    }
    settings = { ...settings, generations: available };
  }
  const pending = settings.generations.filter((g) => !state.backfilledGenerations.includes(g));
  // Slices a previous pass left short, first: a backfill may take long, they are quick.
  const reread = await rereadIncomplete(db, incomplete, settings.generations, (g, s) =>
    fetchSlice(source, g, s, limiters.get(g)!, settings),
  );
  if (pending.length > 0) {
    const fetchPending = (s: Slice) => fetchOne(s, pending, false);
    const settle = (s: Slice, d: SliceData) => incomplete.settle(pending, s, d.short);
    reports.push(await backfill(db, state, pending, settings, fetchPending, settle));
    state = await readState(db);
  } else if (await inBulkLoad(db)) {
    await db.transaction((tx) => finishBulkLoad(tx, { rollups: true }));
  }
  const started = performance.now();
  const now = settings.now();
  const through = msOf(state.syncedThrough) ?? now;
  const from = Math.max(through - settings.overlapMs, now - WINDOW_MS);
  const report = { ...emptyReport("incremental"), ...reread };
  await pipeline(
    slicesOf(from, now + 1000, settings.sliceMs),
    { inFlight: settings.slicesInFlight, writers: settings.writers },
    (s) => fetchOne(s, settings.generations, true),
    async (s, data) => {
      if (!data.unchanged) report.written += await upsertRecords(db, data.records);
      await incomplete.settle(settings.generations, s, data.short);
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
  if (unavailable.length > 0) report.unavailable = unavailable.map((u) => u.facts);
  report.incomplete = incomplete.list().length;
  return reports;
}

async function backfill(
  db: Db,
  state: SyncStateRow,
  generations: Generation[],
  settings: SyncSettings,
  fetchOne: (s: Slice) => Promise<SliceData>,
  settle: (s: Slice, d: SliceData) => Promise<void>,
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
  // PGlite's bulk load drops the start-time index, so it rolls up at the end, not hour by hour.
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
    async (s, data) => {
      const t = performance.now();
      report.written += await upsertRecords(db, data.records);
      writeMs += performance.now() - t;
      await settle(s, data);
      report.pages += data.pages;
      report.fetched += data.fetched;
      report.slices++;
    },
    // The cursor passes only slices all stored (writes finish out of order); its hours roll up too.
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
  // The bulk load ends in the transaction that marks the backfill done, so a crash leaves both undone.
  if (pgBulk) await finishBulkLoadApart(db, (tx) => rollUpHours(tx, rolledUpTo, null));
  await db.transaction(async (tx) => {
    if (bulk) await finishBulkLoad(tx, { rollups: !pgBulk });
    await updateState(tx, {
      backfilledAt: new Date(settings.now()).toISOString(),
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
  // PGlite has no autovacuum; fresh statistics let a user's total be counted from the index alone.
  await db.execute(sql`vacuum (analyze) indexed_call_participants`);
  await db.execute(sql`analyze indexed_calls`);
  report.durationMs = Math.round(performance.now() - started);
  settings.logger.info(
    { event: "sync_backfill_done", generations, ...report },
    "record index backfilled",
  );
  return report;
}
