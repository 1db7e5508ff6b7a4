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

/** Where a walk began: the database snapshot of its first page, and that moment's time. */
export type WalkStart = { snapshot: string; asOf: string };

export async function walkStart(db: Executor): Promise<WalkStart> {
  const rows = rowsOf<WalkStart>(
    await db.execute(sql`select pg_current_snapshot()::text as snapshot,
      ${sql.raw(keyTimeSql("now()"))} as "asOf"`),
  );
  return rows[0]!;
}

// first_xid is the transaction that first indexed the call. A time stamp would not do: a writer's
// stamp is its start, and it may commit after a walk began, or after a writer that began later.
// A snapshot "xmin:xmax:xip,…" sees a transaction below xmax that is not in the xip list. The
// "+ 0" keeps this a filter: as an index range it led the planner to read every call.
function seenBy(snapshot: string): SQL {
  const [, xmax, xip] = snapshot.split(":");
  const running = xip ? sql` and not (c.first_xid = any(${`{${xip}}`}::bigint[]))` : sql``;
  return sql`c.first_xid + 0 < ${xmax}::bigint${running}`;
}

/** The filtered calls the walk's first page could see; those indexed since are left out. */
export function pinnedSource(f: RecordFilters, snapshot: string): { from: SQL; table: "c" | "p" } {
  const { from, table } = source(f);
  return { from: sql`${from} and ${seenBy(snapshot)}`, table };
}

/** The filtered calls indexed since the walk began: few, found by the first_xid index. */
export function unseenSource(f: RecordFilters, snapshot: string): SQL {
  const [xmin] = snapshot.split(":");
  return sql`${source(f).from} and c.first_xid >= ${xmin}::bigint and not (${seenBy(snapshot)})`;
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
