import "server-only";

import { sql } from "drizzle-orm";

import type { Executor } from "./store";

// Rebuilds the insight rollups (lib/db/insights-schema.ts) from indexed_calls in one set-based
// statement per table, for the end of a bulk load, which runs with the rollup triggers disabled.
// The aggregation is the one the triggers of migration 0005 apply per write batch (and the one
// that migration ran once over existing rows), so the result is exactly what the triggers would
// have produced; lib/insights/rollup.integration.test.ts compares the tables with an independent
// aggregation after a bulk-loaded backfill. Keep this in step with those triggers.

export async function rebuildInsightRollups(tx: Executor): Promise<void> {
  await tx.execute(sql`delete from insight_slots`);
  await tx.execute(sql`delete from insight_durations`);
  await tx.execute(sql`delete from insight_failed_users`);

  await tx.execute(sql`
    insert into insight_slots (slot, result, call_type, media_type, n)
    select to_timestamp(floor(extract(epoch from d.started_at) / 900) * 900), d.result, d.call_type,
      d.media_type, count(*)::int
    from indexed_calls d
    group by 1, 2, 3, 4`);

  await tx.execute(sql`
    insert into insight_durations (grain, period, metric, result, call_type, media_type, v, n)
    select g.grain, date_trunc(g.unit, d.started_at, 'UTC'), m.metric, d.result, d.call_type,
      d.media_type, m.v, count(*)::int
    from indexed_calls d
      cross join (values ('d', 'day'), ('h', 'hour')) as g(grain, unit)
      cross join lateral (values ('ring', d.ring_seconds), ('talk', d.talk_seconds)) as m(metric, v)
    where m.v is not null
    group by 1, 2, 3, 4, 5, 6, 7`);

  await tx.execute(sql`
    insert into insight_failed_users (grain, period, user_id, n)
    select g.grain, date_trunc(g.unit, d.started_at, 'UTC'), u.user_id, count(*)::int
    from indexed_calls d
      cross join (values ('d', 'day'), ('h', 'hour')) as g(grain, unit)
      cross join lateral (select d.caller union all select unnest(d.callees)) as u(user_id)
    where d.result <> 'NormalEnd'
    group by 1, 2, 3`);
}
