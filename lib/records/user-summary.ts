import "server-only";

import { sql } from "drizzle-orm";

import { rowsOf, type Executor } from "@/lib/db/executor";

export const TROUBLE_RESULTS = ["NotAnswer", "Offline", "Interrupt"] as const;
export const TROUBLE_THRESHOLD = 3;
export const TROUBLE_WINDOW_MS = 24 * 3_600_000;
const TROUBLE_SCAN_LIMIT = 10_000;
const MAX_FLAGS = 5;

export type ResultCount = { result: string; total: number; asCaller: number; asCallee: number };

export type TroubleFlag = {
  windowStart: string;
  windowEnd: string;
  count: number;
  byResult: Record<string, number>;
  current: boolean;
};

export type UserSummary = {
  userId: string;
  total: number;
  asCaller: number;
  asCallee: number;
  talkSeconds: number;
  firstCallAt: string | null;
  lastCallAt: string | null;
  byResult: ResultCount[];
  flags: TroubleFlag[];
  rule: { results: string[]; threshold: number; windowHours: number };
};

const iso = (ms: number) => new Date(Number(ms)).toISOString();

type CountRow = {
  result: string;
  role: "caller" | "callee";
  n: number;
  talk: number | null;
  first_ms: number;
  last_ms: number;
};

/** Non-overlapping clusters, newest first; `calls` must be sorted oldest first. */
export function troubleFlags(calls: { ms: number; result: string }[], now: number): TroubleFlag[] {
  const flags: TroubleFlag[] = [];
  let end = calls.length - 1;
  while (end >= TROUBLE_THRESHOLD - 1 && flags.length < MAX_FLAGS) {
    const endMs = calls[end]!.ms;
    let start = end;
    while (start > 0 && calls[start - 1]!.ms > endMs - TROUBLE_WINDOW_MS) start--;
    const count = end - start + 1;
    if (count >= TROUBLE_THRESHOLD) {
      const byResult: Record<string, number> = {};
      for (let i = start; i <= end; i++)
        byResult[calls[i]!.result] = (byResult[calls[i]!.result] ?? 0) + 1;
      flags.push({
        windowStart: iso(endMs - TROUBLE_WINDOW_MS),
        windowEnd: iso(endMs),
        count,
        byResult,
        current: endMs > now - TROUBLE_WINDOW_MS,
      });
      end = start - 1; // the next cluster must not share calls with this one
    } else {
      end--;
    }
  }
  return flags;
}

export async function getUserSummary(
  db: Executor,
  userId: string,
  now: number = Date.now(),
): Promise<UserSummary> {
  const counts = rowsOf<CountRow>(
    await db.execute(sql`select c.result, p.role, count(*)::int as n, sum(c.talk_seconds)::float8 as talk,
        (extract(epoch from min(p.started_at)) * 1000)::float8 as first_ms,
        (extract(epoch from max(p.started_at)) * 1000)::float8 as last_ms
      from indexed_call_participants p join indexed_calls c on c.call_id = p.call_id
      where p.user_id = ${userId} group by c.result, p.role`),
  );
  const trouble = rowsOf<{ ms: number; result: string }>(
    await db.execute(sql`select * from (
        select (extract(epoch from p.started_at) * 1000)::float8 as ms, c.result
        from indexed_call_participants p join indexed_calls c on c.call_id = p.call_id
        where p.user_id = ${userId}
          and c.result in (${sql.join(
            TROUBLE_RESULTS.map((r) => sql`${r}`),
            sql`, `,
          )})
        order by p.started_at desc limit ${TROUBLE_SCAN_LIMIT}
      ) t order by ms asc`),
  ).map((r) => ({ ms: Number(r.ms), result: r.result }));

  const byResult = new Map<string, ResultCount>();
  let first = Infinity;
  let last = -Infinity;
  let talkSeconds = 0;
  for (const row of counts) {
    const entry = byResult.get(row.result) ?? {
      result: row.result,
      total: 0,
      asCaller: 0,
      asCallee: 0,
    };
    entry.total += row.n;
    if (row.role === "caller") entry.asCaller += row.n;
    else entry.asCallee += row.n;
    byResult.set(row.result, entry);
    talkSeconds += Number(row.talk ?? 0);
    first = Math.min(first, Number(row.first_ms));
    last = Math.max(last, Number(row.last_ms));
  }
  const results = [...byResult.values()].sort(
    (a, b) => b.total - a.total || a.result.localeCompare(b.result),
  );
  return {
    userId,
    total: results.reduce((n, r) => n + r.total, 0),
    asCaller: results.reduce((n, r) => n + r.asCaller, 0),
    asCallee: results.reduce((n, r) => n + r.asCallee, 0),
    talkSeconds,
    firstCallAt: Number.isFinite(first) ? iso(first) : null,
    lastCallAt: Number.isFinite(last) ? iso(last) : null,
    byResult: results,
    flags: troubleFlags(trouble, now),
    rule: {
      results: [...TROUBLE_RESULTS],
      threshold: TROUBLE_THRESHOLD,
      windowHours: TROUBLE_WINDOW_MS / 3_600_000,
    },
  };
}
