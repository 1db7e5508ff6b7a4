import "server-only";

import { sql, type SQL } from "drizzle-orm";

import { rowsOf, type Executor } from "@/lib/db/executor";

import type { RecordFilters } from "./filters";
import { parseSort } from "./sort";
import { SORT_COLUMN, source } from "./where";

// Keyset walks over the index: a page continues from the last row's (sort key, call ID), so calls
// the sync writes meanwhile cannot shift rows between pages as OFFSET does. A start time and a call
// ID never change once indexed (lib/sync/store.ts), so a walk by start time is exact; ring and talk
// time can change when a late copy of a call arrives (README "Paging while the sync writes").

/** A row's place in the walk's order: its sort key (null: a call with no ring or talk time). */
export type Position = { key: string | number | null; callId: string };

/** A time as a cursor keeps it: microseconds, UTC, so it compares exactly when it comes back. */
export const keyTimeSql = (col: string) =>
  `to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** The database's clock, which stamps first_synced_at: the asOf of a walk that begins now. */
export async function databaseNow(db: Executor): Promise<string> {
  const rows = rowsOf<{ t: string }>(
    await db.execute(sql`select ${sql.raw(keyTimeSql("now()"))} as t`),
  );
  return rows[0]!.t;
}

/** The filtered calls of a walk that began at asOf: those first indexed later are left out. */
export function pinnedSource(f: RecordFilters, asOf: string): { from: SQL; table: "c" | "p" } {
  const { from, table } = source(f);
  return { from: sql`${from} and c.first_synced_at <= ${asOf}::timestamptz`, table };
}

/** One index range of the walk: where it starts and its order. */
export type Run = { where: SQL; order: SQL };

function run(
  f: RecordFilters,
  table: "c" | "p",
  nulls: boolean,
  after: Position | null,
  backward: boolean,
): Run {
  const { field, descending } = parseSort(f.sort);
  const desc = descending !== backward;
  const dir = desc ? "desc" : "asc";
  const cmp = sql.raw(desc ? "<" : ">");
  if (field === "startedAt") {
    const cols = sql.raw(`(${table}.started_at, ${table}.call_id)`);
    return {
      where: after ? sql`${cols} ${cmp} (${after.key}::timestamptz, ${after.callId})` : sql`true`,
      order: sql.raw(`${table}.started_at ${dir}, ${table}.call_id ${dir}`),
    };
  }
  const col = sql.raw(`c.${SORT_COLUMN[field]}`);
  if (nulls) {
    return {
      where: after ? sql`${col} is null and c.call_id ${cmp} ${after.callId}` : sql`${col} is null`,
      order: sql.raw(`c.call_id ${dir}`),
    };
  }
  return {
    where: after
      ? sql`${col} is not null and (${col}, c.call_id) ${cmp} (${after.key}::int, ${after.callId})`
      : sql`${col} is not null`,
    order: sql.raw(`c.${SORT_COLUMN[field]} ${dir}, c.call_id ${dir}`),
  };
}

/**
 * The index ranges to read, in order, from `at` (null: the start). A nullable sort walks its
 * values and then the calls without one, each straight off a B-tree ("nulls last" would not be);
 * walking back goes the other way round.
 */
export function keysetRuns(
  f: RecordFilters,
  table: "c" | "p",
  at: Position | null,
  backward = false,
): Run[] {
  if (parseSort(f.sort).field === "startedAt") return [run(f, table, false, at, backward)];
  const inNulls = at !== null && at.key === null;
  if (!backward) {
    return inNulls
      ? [run(f, table, true, at, false)]
      : [run(f, table, false, at, false), run(f, table, true, null, false)];
  }
  return inNulls
    ? [run(f, table, true, at, true), run(f, table, false, null, true)]
    : [run(f, table, false, at, true)];
}
