import "server-only";

import { sql } from "drizzle-orm";

import type { Executor } from "./store";

// Rebuilds the insight rollups (lib/db/insights-schema.ts) from indexed_calls set-based, for the
// end of a bulk load, which runs with the rollup triggers disabled. The aggregation is the one the
// triggers of migration 0005 apply per write batch (and the one that migration ran once over
// existing rows), so the result is exactly what the triggers would have produced;
// lib/insights/rollup.integration.test.ts and the crash test compare the tables with an
// independent aggregation after a bulk-loaded backfill. Keep this in step with those triggers.
//
// One step per table, each complete in itself, so PostgreSQL can run them on separate
// connections at once. Day rows are summed from the hour rows just written (a UTC day is 24
// whole UTC hours): one pass over the calls per table instead of two. Rows are inserted in
// primary-key order, so the key's B-tree grows at its right edge instead of being split all over.

export type RollupStep = (tx: Executor) => Promise<void>;

const slots: RollupStep = async (tx) => {
  await tx.execute(sql`delete from insight_slots`);
  await tx.execute(sql`
    insert into insight_slots (slot, result, call_type, media_type, n)
    select to_timestamp(floor(extract(epoch from d.started_at) / 900) * 900), d.result, d.call_type,
      d.media_type, count(*)::int
    from indexed_calls d
    group by 1, 2, 3, 4
    order by 1, 2, 3, 4`);
};

const durations: RollupStep = async (tx) => {
  await tx.execute(sql`delete from insight_durations`);
  await tx.execute(sql`
    insert into insight_durations (grain, period, metric, result, call_type, media_type, v, n)
    select 'h', date_trunc('hour', d.started_at, 'UTC'), m.metric, d.result, d.call_type,
      d.media_type, m.v, count(*)::int
    from indexed_calls d
      cross join lateral (values ('ring', d.ring_seconds), ('talk', d.talk_seconds)) as m(metric, v)
    where m.v is not null
    group by 2, 3, 4, 5, 6, 7
    order by 3, 2, 4, 5, 6, 7`);
  await tx.execute(sql`
    insert into insight_durations (grain, period, metric, result, call_type, media_type, v, n)
    select 'd', date_trunc('day', period, 'UTC'), metric, result, call_type, media_type, v,
      sum(n)::int
    from insight_durations where grain = 'h'
    group by 2, 3, 4, 5, 6, 7
    order by 3, 2, 4, 5, 6, 7`);
};

const failedUsers: RollupStep = async (tx) => {
  await tx.execute(sql`delete from insight_failed_users`);
  await tx.execute(sql`
    insert into insight_failed_users (grain, period, user_id, n)
    select 'h', date_trunc('hour', d.started_at, 'UTC'), u.user_id, count(*)::int
    from indexed_calls d
      cross join lateral unnest(array[d.caller] || d.callees) as u(user_id)
    where d.result <> 'NormalEnd'
    group by 2, 3
    order by 2, 3`);
  await tx.execute(sql`
    insert into insight_failed_users (grain, period, user_id, n)
    select 'd', date_trunc('day', period, 'UTC'), user_id, sum(n)::int
    from insight_failed_users where grain = 'h'
    group by 2, 3
    order by 2, 3`);
};

/** The steps of a rebuild: run them in one transaction, or each in its own at once. */
export const ROLLUP_STEPS: readonly RollupStep[] = [durations, failedUsers, slots];

export async function rebuildInsightRollups(tx: Executor): Promise<void> {
  for (const step of ROLLUP_STEPS) await step(tx);
}
