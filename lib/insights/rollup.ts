import "server-only";

import { sql, type SQL } from "drizzle-orm";

import type { ResolvedInsightsQuery } from "./params";
import { ENDED_NORMALLY, TOP_USERS } from "./types";

// Whole periods come from the rollups the indexed_calls triggers keep, the edges from the calls.
// Every figure is a sum over calls, so the two add up to exactly the raw answer.

const MIN15 = 15 * 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

type Range = readonly [number, number];
export type Cover = { grains: Range[][]; raw: Range[] };

/** Grains are UTC-aligned lengths in ms, coarsest first. */
export function cover(a: number, b: number, grains: readonly number[]): Cover {
  const out: Cover = { grains: grains.map(() => []), raw: [] };
  const walk = (lo: number, hi: number, level: number) => {
    if (lo >= hi) return;
    const g = grains[level];
    if (g === undefined) {
      out.raw.push([lo, hi]);
      return;
    }
    const start = Math.ceil(lo / g) * g;
    const end = Math.floor(hi / g) * g;
    if (start >= end) return walk(lo, hi, level + 1);
    out.grains[level]!.push([start, end]);
    walk(lo, start, level + 1);
    walk(end, hi, level + 1);
  };
  walk(a, b, 0);
  return out;
}

const ts = (ms: number) => sql`${new Date(ms).toISOString()}::timestamptz`;
const within = (col: SQL, ranges: Range[]) =>
  ranges.length === 0
    ? sql`false`
    : sql`(${sql.join(
        ranges.map(([s, e]) => sql`(${col} >= ${ts(s)} and ${col} < ${ts(e)})`),
        sql` or `,
      )})`;

// The periods meet at `from`, so no rollup period straddles the two.
function both(q: ResolvedInsightsQuery, grains: readonly number[]): Cover {
  const prev = cover(q.previousFrom.getTime(), q.from.getTime(), grains);
  const cur = cover(q.from.getTime(), q.to.getTime(), grains);
  return {
    grains: grains.map((_, i) => [...prev.grains[i]!, ...cur.grains[i]!]),
    raw: [...prev.raw, ...cur.raw],
  };
}

function dims(q: ResolvedInsightsQuery, alias: string): SQL {
  const col = (name: string) => sql.raw(`${alias}.${name}`);
  const parts: SQL[] = [sql`true`];
  const f = q.filters;
  if (f.result?.length) {
    parts.push(
      sql`${col("result")} in (${sql.join(
        f.result.map((r) => sql`${r}`),
        sql`, `,
      )})`,
    );
  }
  if (f.type) parts.push(sql`${col("call_type")} = ${f.type}`);
  if (f.media) parts.push(sql`${col("media_type")} = ${f.media}`);
  return sql.join(parts, sql` and `);
}

function offsetMinutes(zone: string, ms: number): number {
  const name = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" })
    .formatToParts(new Date(ms))
    .find((p) => p.type === "timeZoneName")?.value;
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? "");
  if (!m) return 0; // "GMT" alone: UTC
  return (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

// User, room and duration filters are selective and stay raw. Offsets must be whole quarter hours
// (some old local mean times are not) so that buckets are whole slots.
export function rollupEligible(q: ResolvedInsightsQuery): boolean {
  const f = q.filters;
  // The rollups count answered calls but are not split by it.
  if (f.user || f.room || f.answered) return false;
  if (f.ringMin !== undefined || f.ringMax !== undefined) return false;
  if (f.talkMin !== undefined || f.talkMax !== undefined) return false;
  for (let t = q.previousFrom.getTime(); ; t = Math.min(t + 6 * HOUR, q.to.getTime())) {
    if (offsetMinutes(q.tz, t) % 15 !== 0) return false;
    if (t >= q.to.getTime()) break;
  }
  return true;
}

// The per-user rollup has no dimensions, so it serves only views without filters.
export const topUsersEligible = (q: ResolvedInsightsQuery) =>
  rollupEligible(q) && !q.filters.result?.length && !q.filters.type && !q.filters.media;

export type Sources = { cells: SQL; rings: SQL; talks: SQL };

/**
 * cells (cur, bucket, result, call_type, media_type, n, a: of them answered), rings and talks
 * (cur, call_type, media_type, v, n).
 */
export function rollupSources(q: ResolvedInsightsQuery): Sources {
  const from = ts(q.from.getTime());
  const slots = both(q, [MIN15]);
  const cells = sql`
  select cur, bucket, result, call_type, media_type, sum(n)::int as n, sum(a)::int as a from (
    select s.slot >= ${from} as cur,
      case when s.slot >= ${from} then width_bucket(s.slot, (select starts from bounds)) end as bucket,
      s.result, s.call_type, s.media_type, s.n, s.answered as a
    from insight_slots s where ${within(sql`s.slot`, slots.grains[0]!)} and ${dims(q, "s")}
    union all
    select c.started_at >= ${from},
      case when c.started_at >= ${from} then width_bucket(c.started_at, (select starts from bounds)) end,
      c.result, c.call_type, c.media_type, 1, (c.accepted_at is not null)::int
    from indexed_calls c where ${within(sql`c.started_at`, slots.raw)} and ${dims(q, "c")}
  ) x group by 1, 2, 3, 4, 5`;

  const periods = both(q, [DAY, HOUR]);
  const duration = (metric: "ring" | "talk") => sql`
  select cur, call_type, media_type, v, sum(n)::int as n from (
    select d.period >= ${from} as cur, d.call_type, d.media_type, d.v, d.n
    from insight_durations d
    where d.metric = ${metric} and ${dims(q, "d")} and (
      (d.grain = 'd' and ${within(sql`d.period`, periods.grains[0]!)})
      or (d.grain = 'h' and ${within(sql`d.period`, periods.grains[1]!)}))
    union all
    select c.started_at >= ${from}, c.call_type, c.media_type, c.${sql.raw(`${metric}_seconds`)}, 1
    from indexed_calls c
    where ${within(sql`c.started_at`, periods.raw)} and ${dims(q, "c")}
      and c.${sql.raw(`${metric}_seconds`)} is not null
  ) x group by 1, 2, 3, 4`;
  return { cells, rings: duration("ring"), talks: duration("talk") };
}

export function rollupTopFailedUsersSql(q: ResolvedInsightsQuery): SQL {
  const from = ts(q.from.getTime());
  const periods = both(q, [DAY, HOUR]);
  return sql`
with failed as (
  select c.started_at >= ${from} as cur, c.caller, c.callees
  from indexed_calls c
  where ${within(sql`c.started_at`, periods.raw)} and c.result <> ${ENDED_NORMALLY}
),
users as (
  select u.period >= ${from} as cur, u.user_id, u.n
  from insight_failed_users u
  where (u.grain = 'd' and ${within(sql`u.period`, periods.grains[0]!)})
    or (u.grain = 'h' and ${within(sql`u.period`, periods.grains[1]!)})
  union all
  select cur, caller, 1 from failed
  union all
  select cur, unnest(callees), 1 from failed
)
select user_id, (sum(n) filter (where cur))::int as failed,
  coalesce(sum(n) filter (where not cur), 0)::int as previous
from users
group by user_id
having sum(n) filter (where cur) > 0
order by 2 desc, user_id collate "C"
limit ${TOP_USERS}`;
}
