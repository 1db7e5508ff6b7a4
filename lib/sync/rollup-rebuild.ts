import "server-only";

import { type SQL, sql } from "drizzle-orm";

import type { Executor } from "@/lib/db/executor";

// Builds the insight rollups (lib/db/insights-schema.ts) from indexed_calls set-based, for a bulk
// load, which runs with the rollup triggers disabled. The aggregation is the one the triggers of
// migration 0005 apply per write batch (and the one that migration ran once over existing rows),
// so the result is exactly what the triggers would have produced;
// lib/insights/rollup.integration.test.ts and the crash test compare the tables with an
// independent aggregation after a bulk-loaded backfill. Keep this in step with those triggers.
//
// Two ways to use it:
// - a whole rebuild at the end (rebuildInsightRollups): PGlite's bulk load, and one a crash left
//   unfinished;
// - on PostgreSQL, by hour ranges while the backfill runs (rollUpHours): every row of a UTC hour
//   depends only on the calls starting in it, so once the backfill has stored every call before
//   an hour's end that hour's rows are final, and a UTC day's rows are the sum of its 24 hour
//   rows. The work then runs beside the rate-limited fetch instead of after its last page.
// Each statement first deletes the rows of its range, so running a range again gives the same rows.
// Rows are inserted in primary-key order, so the key's B-tree grows at its right edge instead of
// being split all over.

/** Rollup work run in a transaction of its own (see finishBulkLoadApart). */
export type RollupStep = (tx: Executor) => Promise<void>;

/** Half-open [from, to) of instants (ISO strings); null is open-ended. */
type Range = { from: string | null; to: string | null };

const ALL: Range = { from: null, to: null };

function within(column: SQL, r: Range): SQL {
  const from = r.from === null ? sql`true` : sql`${column} >= ${r.from}::timestamptz`;
  const to = r.to === null ? sql`true` : sql`${column} < ${r.to}::timestamptz`;
  return sql`${from} and ${to}`;
}

const started = sql`d.started_at`;
const period = sql`period`;

/** The rows of one grain whose period lies in the range. */
const grainRows = (grain: "h" | "d", r: Range) => sql`grain = ${grain} and ${within(period, r)}`;

/** Naming both metrics lets a range of periods use the key, which starts with the metric. */
const durationRows = (grain: "h" | "d", r: Range) =>
  sql`metric in ('ring', 'talk') and ${grainRows(grain, r)}`;

async function slots(tx: Executor, r: Range): Promise<void> {
  await tx.execute(sql`delete from insight_slots where ${within(sql`slot`, r)}`);
  await tx.execute(sql`
    insert into insight_slots (slot, result, call_type, media_type, n)
    select to_timestamp(floor(extract(epoch from d.started_at) / 900) * 900), d.result, d.call_type,
      d.media_type, count(*)::int
    from indexed_calls d
    where ${within(started, r)}
    group by 1, 2, 3, 4
    order by 1, 2, 3, 4`);
}

async function durationHours(tx: Executor, r: Range): Promise<void> {
  await tx.execute(sql`delete from insight_durations where ${durationRows("h", r)}`);
  await tx.execute(sql`
    insert into insight_durations (grain, period, metric, result, call_type, media_type, v, n)
    select 'h', date_trunc('hour', d.started_at, 'UTC'), m.metric, d.result, d.call_type,
      d.media_type, m.v, count(*)::int
    from indexed_calls d
      cross join lateral (values ('ring', d.ring_seconds), ('talk', d.talk_seconds)) as m(metric, v)
    where m.v is not null and ${within(started, r)}
    group by 2, 3, 4, 5, 6, 7
    order by 3, 2, 4, 5, 6, 7`);
}

async function durationDays(tx: Executor, r: Range): Promise<void> {
  await tx.execute(sql`delete from insight_durations where ${durationRows("d", r)}`);
  await tx.execute(sql`
    insert into insight_durations (grain, period, metric, result, call_type, media_type, v, n)
    select 'd', date_trunc('day', period, 'UTC'), metric, result, call_type, media_type, v,
      sum(n)::int
    from insight_durations where ${durationRows("h", r)}
    group by 2, 3, 4, 5, 6, 7
    order by 3, 2, 4, 5, 6, 7`);
}

async function failedUserHours(tx: Executor, r: Range): Promise<void> {
  await tx.execute(sql`delete from insight_failed_users where ${grainRows("h", r)}`);
  await tx.execute(sql`
    insert into insight_failed_users (grain, period, user_id, n)
    select 'h', date_trunc('hour', d.started_at, 'UTC'), u.user_id, count(*)::int
    from indexed_calls d
      cross join lateral unnest(array[d.caller] || d.callees) as u(user_id)
    where d.result <> 'NormalEnd' and ${within(started, r)}
    group by 2, 3
    order by 2, 3`);
}

async function failedUserDays(tx: Executor, r: Range): Promise<void> {
  await tx.execute(sql`delete from insight_failed_users where ${grainRows("d", r)}`);
  await tx.execute(sql`
    insert into insight_failed_users (grain, period, user_id, n)
    select 'd', date_trunc('day', period, 'UTC'), user_id, sum(n)::int
    from insight_failed_users where ${grainRows("h", r)}
    group by 2, 3
    order by 2, 3`);
}

/** A whole rebuild, every table from every call. */
export async function rebuildInsightRollups(tx: Executor): Promise<void> {
  await durationHours(tx, ALL);
  await durationDays(tx, ALL);
  await failedUserHours(tx, ALL);
  await failedUserDays(tx, ALL);
  await slots(tx, ALL);
}

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;
const floorTo = (ms: number, unit: number) => Math.floor(ms / unit) * unit;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * Rolls up the whole UTC hours from the one holding `fromMs` up to the one holding `toMs`
 * (excluded), and the UTC days those hours complete; `toMs` null means every hour from there
 * on, the last ones included. The caller must have stored every call starting before `toMs`.
 */
export async function rollUpHours(tx: Executor, fromMs: number, toMs: number | null) {
  const hours = {
    from: floorTo(fromMs, HOUR_MS),
    to: toMs === null ? null : floorTo(toMs, HOUR_MS),
  };
  if (hours.to !== null && hours.to <= hours.from) return;
  const days = {
    from: floorTo(hours.from, DAY_MS),
    to: hours.to === null ? null : floorTo(hours.to, DAY_MS),
  };
  // The tables grow during a bulk load faster than their statistics (a PostgreSQL without
  // autovacuum never refreshes them), and a plan that scans a whole table for one hour makes the
  // backfill quadratic: every statement here reads its range through an index.
  await tx.execute(sql`set local enable_seqscan = off`);
  const hourRange = { from: iso(hours.from), to: iso(hours.to) };
  await slots(tx, hourRange);
  await durationHours(tx, hourRange);
  await failedUserHours(tx, hourRange);
  if (days.to === null || days.to > days.from) {
    const dayRange = { from: iso(days.from), to: iso(days.to) };
    await durationDays(tx, dayRange);
    await failedUserDays(tx, dayRange);
  }
}
