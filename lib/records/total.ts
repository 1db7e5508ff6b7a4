import "server-only";

import { sql, type SQL } from "drizzle-orm";

import { ROLLUP_TRIGGERS_OFF } from "@/lib/db/rollup-state";

import type { RecordFilters } from "./filters";
import { whereClause } from "./where";

// The total of a filtered list. Counting a broad filter (three results over seven days, say)
// means visiting every matching call, hundreds of thousands of rows on a large index. When the
// only filters are time, result, call type and media type, the insight rollups answer instead:
// insight_slots holds the calls per 15-minute UTC slot × result × type × media, kept equal to the
// calls by triggers in the same transaction (lib/db/insights-schema.ts). Whole slots are summed
// there, and only the calls in the partial slots at the range's two edges are counted directly.
// The answer is exact, not an estimate.

const SLOT_MS = 15 * 60_000;

const at = (ms: number) => sql`${new Date(ms).toISOString()}::timestamptz`;

/** Whether the rollups can count this view: no user, room, ring-time or talk-time filter. */
export function rollupCountable(f: RecordFilters): boolean {
  return (
    !f.user &&
    !f.room &&
    f.ringMin === undefined &&
    f.ringMax === undefined &&
    f.talkMin === undefined &&
    f.talkMax === undefined
  );
}

/** `select … as n`: the number of calls matching `f`, which must be rollupCountable. */
export function rollupTotalSql(f: RecordFilters): SQL {
  const from = f.from?.getTime();
  const to = f.to?.getTime();
  // The first and last slot boundary inside the range; no bound on an open side.
  const lo = from === undefined ? undefined : Math.ceil(from / SLOT_MS) * SLOT_MS;
  const hi = to === undefined ? undefined : Math.floor(to / SLOT_MS) * SLOT_MS;
  if (lo !== undefined && hi !== undefined && lo >= hi) {
    // Not one whole slot in the range: count the calls themselves (a short range, few rows).
    return sql`select count(*)::int as n from indexed_calls c where ${whereClause(f)}`;
  }
  // Result, type and media only. insight_slots names its columns as indexed_calls does, so the
  // same conditions apply to it under the alias `c`.
  const dims = whereClause({ ...f, from: undefined, to: undefined });
  const slotRange = sql.join(
    [
      sql`true`,
      ...(lo === undefined ? [] : [sql`c.slot >= ${at(lo)}`]),
      ...(hi === undefined ? [] : [sql`c.slot < ${at(hi)}`]),
    ],
    sql` and `,
  );
  const edges: SQL[] = [];
  if (from !== undefined && from < lo!) {
    edges.push(sql`(c.started_at >= ${at(from)} and c.started_at < ${at(lo!)})`);
  }
  if (to !== undefined && hi! < to) {
    edges.push(sql`(c.started_at >= ${at(hi!)} and c.started_at < ${at(to)})`);
  }
  const edgeCount =
    edges.length === 0
      ? sql`0`
      : sql`(select count(*) from indexed_calls c where (${sql.join(edges, sql` or `)}) and ${dims})`;
  // While the first backfill bulk-loads (lib/sync/bulk-load.ts), the rollup triggers are off and
  // the rollups lag the calls: count the calls then. Only the branch taken is run.
  return sql`select (case when exists (${ROLLUP_TRIGGERS_OFF})
      then (select count(*) from indexed_calls c where ${whereClause(f)})
      else (select coalesce(sum(c.n), 0) from insight_slots c where ${slotRange} and ${dims})
        + ${edgeCount}
    end)::int as n`;
}
