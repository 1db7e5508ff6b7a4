import "server-only";

import { type SQL, sql } from "drizzle-orm";

import type { Executor } from "@/lib/db/executor";

// Set-based twin of the rollup triggers (migrations 0005 and 0011): keep the two in step. An hour's rows
// depend only on calls starting in it, so finished hours can be rolled up during the fetch.

export type RollupStep = (tx: Executor) => Promise<void>;

type Range = { from: string | null; to: string | null };

const ALL: Range = { from: null, to: null };

function within(column: SQL, r: Range): SQL {
  const from = r.from === null ? sql`true` : sql`${column} >= ${r.from}::timestamptz`;
  const to = r.to === null ? sql`true` : sql`${column} < ${r.to}::timestamptz`;
  return sql`${from} and ${to}`;
}

const started = sql`d.started_at`;
const period = sql`period`;

const grainRows = (grain: "h" | "d", r: Range) => sql`grain = ${grain} and ${within(period, r)}`;

/** Naming both metrics lets a range of periods use the key, which starts with the metric. */
const durationRows = (grain: "h" | "d", r: Range) =>
  sql`metric in ('ring', 'talk') and ${grainRows(grain, r)}`;

async function slots(tx: Executor, r: Range): Promise<void> {
  await tx.execute(sql`delete from insight_slots where ${within(sql`slot`, r)}`);
  await tx.execute(sql`
    insert into insight_slots (slot, result, call_type, media_type, n, answered)
    select to_timestamp(floor(extract(epoch from d.started_at) / 900) * 900), d.result, d.call_type,
      d.media_type, count(*)::int, (count(*) filter (where d.accepted_at is not null))::int
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

/** UTC hours in [fromMs, toMs) (null: no end) and the days they complete; calls before toMs stored. */
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
  // A bulk load outgrows its statistics, and a whole-table scan per hour would be quadratic.
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
