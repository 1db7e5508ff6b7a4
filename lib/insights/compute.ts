import "server-only";

import { sql, type SQL } from "drizzle-orm";

import { KNOWN_CALL_RESULTS } from "@/lib/calls/types";
import type { Db } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/executor";
import { rollupsInStep } from "@/lib/db/rollup-state";

import type { ResolvedInsightsQuery } from "./params";
import { rollupEligible, rollupSources, rollupTopFailedUsersSql, topUsersEligible } from "./rollup";
import { aggregatesSql, rawSources, topFailedUsersSql } from "./sql";
import {
  ENDED_NORMALLY,
  RING_BINS,
  TALK_BINS,
  type Distribution,
  type HistogramBin,
  type InsightFigures,
  type Percentiles,
  type Rate,
  type Segment,
  type SeriesPoint,
} from "./types";

// Statements return only aggregates; no call record reaches JavaScript.

type AggregateRow = {
  /** n calls with this result, a of them answered. */
  results: { cur: boolean; result: string; n: number; a: number }[];
  series: { bucket: number; result: string; n: number; a: number }[];
  segments: {
    cur: boolean;
    dim: "type" | "media";
    key: string;
    total: number;
    answered: number;
    ended: number;
  }[];
  percentiles: {
    metric: "ring" | "talk";
    dim: "all" | "type" | "media";
    key: string;
    cur: boolean;
    total: number;
    p50: number;
    p90: number;
  }[];
  histogram: { metric: "ring" | "talk"; bin: number; n: number }[];
  buckets: { start: number; end: number }[];
};

const json = <T>(v: unknown): T => (typeof v === "string" ? (JSON.parse(v) as T) : (v as T));
const iso = (ms: number) => new Date(ms).toISOString();

function rate(total: number, answered: number, endedNormally: number): Rate {
  return { total, answered, answerRate: total === 0 ? null : answered / total, endedNormally };
}

function orderResults(names: Iterable<string>): string[] {
  const known = KNOWN_CALL_RESULTS as readonly string[];
  const rank = (r: string) => (known.includes(r) ? known.indexOf(r) : known.length);
  return [...new Set(names)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

function percentiles(
  rows: AggregateRow["percentiles"],
  metric: string,
  dim: string,
  key: string,
  cur: boolean,
): Percentiles {
  const mine = rows.find(
    (r) => r.metric === metric && r.dim === dim && r.key === key && r.cur === cur,
  );
  return mine
    ? { count: Number(mine.total), p50: mine.p50, p90: mine.p90 }
    : { count: 0, p50: null, p90: null };
}

function histogram(rows: AggregateRow["histogram"], metric: "ring" | "talk"): HistogramBin[] {
  const bounds = metric === "ring" ? RING_BINS : TALK_BINS;
  return bounds.map((min, i) => ({
    min,
    max: i + 1 < bounds.length ? bounds[i + 1]! - 1 : null,
    count: rows.find((r) => r.metric === metric && r.bin === i + 1)?.n ?? 0,
  }));
}

function series(q: ResolvedInsightsQuery, row: AggregateRow): SeriesPoint[] {
  const from = q.from.getTime();
  const to = q.to.getTime();
  const points: SeriesPoint[] = [...row.buckets]
    .sort((a, b) => a.start - b.start)
    .map((b) => ({
      from: iso(Math.max(b.start, from)),
      to: iso(Math.min(b.end, to)),
      bucketStart: iso(b.start),
      total: 0,
      answered: 0,
      results: {},
    }));
  for (const s of row.series) {
    const point = points[s.bucket - 1];
    if (!point)
      throw new Error(`insights: bucket ${s.bucket} outside the ${points.length} buckets`);
    point.total += s.n;
    point.answered += s.a;
    point.results[s.result] = (point.results[s.result] ?? 0) + s.n;
  }
  return points;
}

function segments(row: AggregateRow, dim: "type" | "media"): Segment[] {
  const keys = [...new Set(row.segments.filter((s) => s.dim === dim).map((s) => s.key))].sort();
  return keys.map((key) => {
    const find = (cur: boolean) =>
      row.segments.find((s) => s.dim === dim && s.key === key && s.cur === cur);
    const c = find(true);
    const p = find(false);
    return {
      key,
      ...rate(c?.total ?? 0, c?.answered ?? 0, c?.ended ?? 0),
      ring: percentiles(row.percentiles, "ring", dim, key, true),
      talk: percentiles(row.percentiles, "talk", dim, key, true),
      previous: {
        ...rate(p?.total ?? 0, p?.answered ?? 0, p?.ended ?? 0),
        ring: percentiles(row.percentiles, "ring", dim, key, false),
        talk: percentiles(row.percentiles, "talk", dim, key, false),
      },
    };
  });
}

function distribution(row: AggregateRow, metric: "ring" | "talk"): Distribution {
  return {
    ...percentiles(row.percentiles, metric, "all", "", true),
    previous: percentiles(row.percentiles, metric, "all", "", false),
    histogram: histogram(row.histogram, metric),
  };
}

export type InsightsPath = "auto" | "raw";

export type InsightsDb = Pick<Db, "execute" | "transaction">;

// Rollup reads take a small slice by primary key, but the planner chose parallel full scans that
// crowd two cores; so workers are off for them. Scans over the calls keep the workers.
function run(db: InsightsDb, statement: SQL, fromRollups: boolean) {
  if (!fromRollups) return db.execute(statement);
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local max_parallel_workers_per_gather = 0`);
    return tx.execute(statement);
  });
}

export async function computeInsights(
  db: InsightsDb,
  q: ResolvedInsightsQuery,
  path: InsightsPath = "auto",
): Promise<InsightFigures> {
  // A bulk load has the rollups' triggers off: they lag the calls until it ends.
  const rollup = path === "auto" && rollupEligible(q) && (await rollupsInStep(db));
  const sources = rollup ? rollupSources(q) : rawSources(q);
  const usersFromRollup = rollup && topUsersEligible(q);
  const usersSql = usersFromRollup ? rollupTopFailedUsersSql(q) : topFailedUsersSql(q);
  // Three at once: PostgreSQL runs them on separate connections; PGlite queues them.
  const [counts, talk, usersResult] = await Promise.all([
    run(db, aggregatesSql(q, sources, "counts"), rollup),
    run(db, aggregatesSql(q, sources, "talk"), rollup),
    run(db, usersSql, usersFromRollup),
  ]);
  const parsed = (result: unknown) => {
    const raw = rowsOf<Record<string, unknown>>(result)[0]!;
    return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, json(v)]));
  };
  const countsRow = parsed(counts) as AggregateRow;
  const talkRow = parsed(talk) as Pick<AggregateRow, "percentiles" | "histogram">;
  const row: AggregateRow = {
    ...countsRow,
    percentiles: [...countsRow.percentiles, ...talkRow.percentiles],
    histogram: [...countsRow.histogram, ...talkRow.histogram],
  };
  const users = rowsOf<{ user_id: string; failed: number; previous: number }>(usersResult);

  const count = (cur: boolean, result?: string) =>
    row.results
      .filter((r) => r.cur === cur && (result === undefined || r.result === result))
      .reduce((n, r) => n + r.n, 0);
  const answered = (cur: boolean) =>
    row.results.filter((r) => r.cur === cur).reduce((n, r) => n + r.a, 0);
  const period = (cur: boolean) => rate(count(cur), answered(cur), count(cur, ENDED_NORMALLY));
  const names = orderResults(row.results.map((r) => r.result));

  return {
    range: {
      from: q.from.toISOString(),
      to: q.to.toISOString(),
      previousFrom: q.previousFrom.toISOString(),
      previousTo: q.from.toISOString(),
      tz: q.tz,
      bucket: q.bucket,
    },
    filters: JSON.parse(JSON.stringify(q.filters)) as InsightFigures["filters"],
    summary: {
      ...period(true),
      previous: period(false),
    },
    results: names.map((result) => ({
      result,
      count: count(true, result),
      previous: count(false, result),
    })),
    series: series(q, row),
    segments: { callType: segments(row, "type"), mediaType: segments(row, "media") },
    durations: { ring: distribution(row, "ring"), talk: distribution(row, "talk") },
    failedResults: names.filter((r) => r !== ENDED_NORMALLY && count(true, r) > 0),
    topFailedUsers: users.map((u) => ({
      userId: u.user_id,
      failed: Number(u.failed),
      previous: Number(u.previous),
    })),
  };
}
