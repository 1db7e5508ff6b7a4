import "server-only";

import { sql, type SQL } from "drizzle-orm";

import { whereClause } from "@/lib/records/where";

import { asRecordFilters, type ResolvedInsightsQuery } from "./params";
import type { Sources } from "./rollup";
import { ENDED_NORMALLY, RING_BINS, TALK_BINS, TOP_USERS } from "./types";

// Plain GROUP BY scans, because they can run in parallel and grouping sets cannot; everything else
// is derived from their rows in the same statement. Plain PostgreSQL, so PGlite runs it too.

// Any width is exact (integer division keeps the order); this keeps both steps small for long talks.
const PCT_BIN = 64;

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
const epochMs = (expr: string) => `(extract(epoch from ${expr}) * 1000)::float8`;
const intArray = (values: readonly number[]) =>
  sql.raw(`array[${values.map(Number).join(",")}]::int[]`);

export function insightsWhere(q: ResolvedInsightsQuery): SQL {
  const f = asRecordFilters(q.filters, q.previousFrom, q.to);
  const where = whereClause(f);
  if (!f.user) return where;
  return sql`${where} and c.call_id in (select p.call_id from indexed_call_participants p
    where p.user_id = ${f.user} and p.started_at >= ${ts(q.previousFrom)} and p.started_at < ${ts(q.to)})`;
}

function bucketsSql(q: ResolvedInsightsQuery): SQL {
  if (q.bucket === "day") {
    // Walk local midnights so days stay days across DST changes (23 or 25 hours long).
    return sql`select (d at time zone z.tz) as start, ((d + interval '1 day') at time zone z.tz) as stop
      from (select ${q.tz}::text as tz) z,
        generate_series(date_trunc('day', ${ts(q.from)}, z.tz) at time zone z.tz,
          ${ts(q.to)} at time zone z.tz, interval '1 day') as d
      where (d at time zone z.tz) < ${ts(q.to)}`;
  }
  return sql`select h as start, h + interval '1 hour' as stop
    from generate_series(date_trunc('hour', ${ts(q.from)}, ${q.tz}::text), ${ts(q.to)}, interval '1 hour') as h
    where h < ${ts(q.to)}`;
}

// width_bucket: cheaper per row than date_trunc in a zone, and exactly the series' buckets.
function scan(q: ResolvedInsightsQuery, columns: SQL): SQL {
  return sql`select c.started_at >= ${ts(q.from)} as cur, ${columns}
    from indexed_calls c where ${insightsWhere(q)}`;
}

// "C" collation: sorting these rows in a language collation costs more than the scans themselves.
const dims = (metric: string, table: string) =>
  sql.raw(`select '${metric}'::text collate "C" as metric, 'all'::text collate "C" as dim,
      ''::text collate "C" as key, cur, v, sum(n) as n
      from ${table} group by cur, v
    union all select '${metric}', 'type', call_type collate "C", cur, v, sum(n) from ${table} group by 3, cur, v
    union all select '${metric}', 'media', media_type collate "C", cur, v, sum(n) from ${table} group by 3, cur, v`);

export function rawSources(q: ResolvedInsightsQuery): Sources {
  return {
    cells: sql`
  select cur, bucket, result, call_type, media_type, ring_seconds, count(*)::int as n,
    (count(*) filter (where answered))::int as a
  from (${scan(
    q,
    sql`case when c.started_at >= ${ts(q.from)}
      then width_bucket(c.started_at, (select starts from bounds)) end as bucket,
      c.result, c.call_type, c.media_type, c.ring_seconds, c.accepted_at is not null as answered`,
  )}) s
  group by 1, 2, 3, 4, 5, 6`,
    rings: sql`
  select cur, call_type, media_type, ring_seconds as v, sum(n)::int as n
  from cells where ring_seconds is not null group by 1, 2, 3, 4`,
    talks: sql`
  select cur, call_type, media_type, talk_seconds as v, count(*)::int as n
  from (${scan(q, sql`c.call_type, c.media_type, c.talk_seconds`)}) s
  where talk_seconds is not null
  group by 1, 2, 3, 4`,
  };
}

export type AggregatePart = "counts" | "talk";

export function aggregatesSql(
  q: ResolvedInsightsQuery,
  sources: Sources,
  part: AggregatePart,
): SQL {
  // A CTE no output refers to is never run, so each part reads only its own sources.
  const dist = part === "counts" ? dims("ring", "rings") : dims("talk", "talks");
  const bin = sql.raw(String(PCT_BIN));
  return sql`
with buckets as (${bucketsSql(q)}),
bounds as (select array_agg(start order by start) as starts from buckets),
cells as (${sources.cells}),
talks as (${sources.talks}),
rings as (${sources.rings}),
dist as (${dist}),
-- percentile_cont over a frequency table: the values at the 0-based positions floor(pos) and
-- ceil(pos) of the sorted list (pos = p × (count − 1)), interpolated. The value at position k is
-- the smallest whose running count exceeds k. Running counts are taken in two steps, so no step
-- sorts the whole table: first over bins of PCT_BIN seconds (a few dozen per table), which finds the
-- bin each wanted position falls in and the count before it; then over the values of that bin only.
bins as (
  select metric, dim, key, cur, v / ${bin} as bin, sum(n) as n
  from dist group by 1, 2, 3, 4, 5
),
bin_cum as (
  select metric, dim, key, cur, bin, n,
    sum(n) over (partition by metric, dim, key, cur order by bin) as upto,
    sum(n) over (partition by metric, dim, key, cur) as total
  from bins
),
picked as materialized (
  select b.metric, b.dim, b.key, b.cur, b.total, x.which, x.k, b.bin, b.upto - b.n as before
  from bin_cum b
    cross join lateral (values
      ('lo50', floor(0.5 * (b.total - 1))), ('hi50', ceil(0.5 * (b.total - 1))),
      ('lo90', floor(0.9 * (b.total - 1))), ('hi90', ceil(0.9 * (b.total - 1)))) as x(which, k)
  where b.upto > x.k and b.upto - b.n <= x.k
),
fine as (
  select p.metric, p.dim, p.key, p.cur, p.total, p.which, p.k, d.v,
    p.before + sum(d.n) over (partition by p.metric, p.dim, p.key, p.cur, p.which order by d.v) as upto
  from picked p
    join (
      select * from dist
      where (metric, dim, key, cur, v / ${bin}) in (select metric, dim, key, cur, bin from picked)
    ) d on d.metric = p.metric and d.dim = p.dim and d.key = p.key and d.cur = p.cur
      and d.v / ${bin} = p.bin
),
pct_ranks as (
  select metric, dim, key, cur, total,
    min(v) filter (where which = 'lo50' and upto > k) as lo50,
    min(v) filter (where which = 'hi50' and upto > k) as hi50,
    min(v) filter (where which = 'lo90' and upto > k) as lo90,
    min(v) filter (where which = 'hi90' and upto > k) as hi90
  from fine group by metric, dim, key, cur, total
),
pct_values as (
  select metric, dim, key, cur, total,
    lo50 + (hi50 - lo50) * (0.5 * (total::float8 - 1) - floor(0.5 * (total::float8 - 1))) as p50,
    lo90 + (hi90 - lo90) * (0.9 * (total::float8 - 1) - floor(0.9 * (total::float8 - 1))) as p90
  from pct_ranks
)
select
  ${
    part === "talk"
      ? sql``
      : sql`  (select coalesce(json_agg(json_build_object('cur', cur, 'result', result, 'n', n, 'a', a)), '[]'::json)
    from (select cur, result, sum(n)::int as n, sum(a)::int as a from cells group by cur, result) t) as results,
  (select coalesce(json_agg(json_build_object('bucket', bucket, 'result', result, 'n', n, 'a', a)), '[]'::json)
    from (select bucket, result, sum(n)::int as n, sum(a)::int as a from cells where cur
      group by bucket, result) t) as series,
  (select coalesce(json_agg(json_build_object('cur', cur, 'dim', dim, 'key', key, 'total', total,
      'answered', answered, 'ended', ended)), '[]'::json)
    from (
      select cur, 'type' as dim, call_type as key, sum(n)::int as total, sum(a)::int as answered,
        coalesce(sum(n) filter (where result = ${ENDED_NORMALLY}), 0)::int as ended
      from cells group by cur, call_type
      union all
      select cur, 'media', media_type, sum(n)::int, sum(a)::int,
        coalesce(sum(n) filter (where result = ${ENDED_NORMALLY}), 0)::int
      from cells group by cur, media_type) t) as segments,
`
  }
  (select coalesce(json_agg(json_build_object('metric', metric, 'dim', dim, 'key', key, 'cur', cur,
      'total', total, 'p50', p50, 'p90', p90)), '[]'::json)
    from pct_values) as percentiles,
  (select coalesce(json_agg(json_build_object('metric', metric, 'bin', bin, 'n', n)), '[]'::json)
    from (
      select metric,
        case when metric = 'ring' then width_bucket(v, ${intArray(RING_BINS)})
          else width_bucket(v, ${intArray(TALK_BINS)}) end as bin,
        sum(n)::int as n
      from dist where dim = 'all' and cur group by 1, 2) t) as histogram,
  (select coalesce(json_agg(json_build_object('start', ${sql.raw(epochMs("start"))},
      'end', ${sql.raw(epochMs("stop"))}) order by start), '[]'::json)
    from buckets) as buckets`;
}

// Callers and callee arrays come from the calls themselves, so no participants join. With a user
// filter only that user is listed: a drill-down cannot name two users.
export function topFailedUsersSql(q: ResolvedInsightsQuery): SQL {
  const onlyUser = q.filters.user ? sql`where user_id = ${q.filters.user}` : sql``;
  return sql`
with failed as (
  select c.started_at >= ${ts(q.from)} as cur, c.caller, c.callees
  from indexed_calls c
  where ${insightsWhere(q)} and c.result <> ${ENDED_NORMALLY}
),
users as (
  select cur, caller as user_id from failed
  union all
  select cur, unnest(callees) from failed
)
select user_id, (count(*) filter (where cur))::int as failed, (count(*) filter (where not cur))::int as previous
from users ${onlyUser}
group by user_id
having count(*) filter (where cur) > 0
order by 2 desc, user_id collate "C"
limit ${TOP_USERS}`;
}
