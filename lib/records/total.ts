import "server-only";

import { sql, type SQL } from "drizzle-orm";

import { ROLLUP_TRIGGERS_OFF } from "@/lib/db/rollup-state";

import type { RecordFilters } from "./filters";
import { whereClause } from "./where";

// With only time, result, type and media filters, the trigger-maintained insight_slots answer:
// whole 15-minute slots are summed, and only calls in the partial edge slots are counted. Exact.

const SLOT_MS = 15 * 60_000;

const at = (ms: number) => sql`${new Date(ms).toISOString()}::timestamptz`;

export function rollupCountable(f: RecordFilters): boolean {
  return (
    !f.user &&
    !f.room &&
    !f.answered &&
    !f.quality &&
    f.ringMin === undefined &&
    f.ringMax === undefined &&
    f.talkMin === undefined &&
    f.talkMax === undefined
  );
}

export function rollupTotalSql(f: RecordFilters): SQL {
  const from = f.from?.getTime();
  const to = f.to?.getTime();
  const lo = from === undefined ? undefined : Math.ceil(from / SLOT_MS) * SLOT_MS;
  const hi = to === undefined ? undefined : Math.floor(to / SLOT_MS) * SLOT_MS;
  if (lo !== undefined && hi !== undefined && lo >= hi) {
    return sql`select count(*)::int as n from indexed_calls c where ${whereClause(f)}`;
  }
  // insight_slots names its columns as indexed_calls does, so the same conditions apply.
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
  // During a bulk load the rollup triggers are off, so count the calls then.
  return sql`select (case when exists (${ROLLUP_TRIGGERS_OFF})
      then (select count(*) from indexed_calls c where ${whereClause(f)})
      else (select coalesce(sum(c.n), 0) from insight_slots c where ${slotRange} and ${dims})
        + ${edgeCount}
    end)::int as n`;
}
