// Insights benchmark (issue 8): GET /api/insights over 7 days holding 1,000,000 calls, with the 7
// days before them filled alike (the answer compares both periods, so both are read). Targets:
// p95 at most 500 ms on PostgreSQL and at most 2 s on PGlite.
//
// The index is filled straight in SQL (generate_series; results, ring and talk times spread like
// the emulator's), then the real route handler (zod parsing, role check, error envelope) answers
// a fixed sequence of queries: the default page, hour buckets, and a filtered view.
//
// Run: `npm run bench insights` or `npx tsx bench/insights.bench.ts`. Knobs: BENCH_CALLS (per 7
// days, default 1000000), BENCH_SAMPLES (default 20), BENCH_DATABASES (pglite,postgres), and
// TEST_DATABASE_URL for the PostgreSQL server (a throw-away database is created and dropped).
import { spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

// lib/ modules import "server-only", a no-op only under the react-server condition.
if (
  !process.execArgv.some((a) => a.includes("react-server")) &&
  process.env.INSIGHTS_BENCH_CHILD !== "1"
) {
  const r = spawnSync(
    path.join(root, "node_modules/.bin/tsx"),
    ["--conditions=react-server", import.meta.filename],
    {
      stdio: "inherit",
      env: { ...process.env, INSIGHTS_BENCH_CHILD: "1" },
    },
  );
  process.exit(r.status ?? 1);
}

const { sql } = await import("drizzle-orm");
const { NextRequest } = await import("next/server");
const { GET: getInsights } = await import("../app/api/insights/route");
const { APP_DATABASES } = await import("../test/databases");
const { sessionCookie } = await import("../test/session");

const CALLS = Number(process.env.BENCH_CALLS ?? 1_000_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 20);
const WANTED = (process.env.BENCH_DATABASES ?? "pglite,postgres").split(",");
const TARGET_MS: Record<string, number> = { postgres: 500, pglite: 2000 };
const BATCH = 100_000;
const DAY = 86_400_000;
// The route answers for the present, so the calls are filled up to it.
const NOW = Date.now();
const USERS = 5_000;

type Db = Awaited<ReturnType<(typeof APP_DATABASES)[number]["open"]>>["db"];

/** `count` calls spread over the 7 days before `until`, ids from `first`. */
async function fill(db: Db, first: number, count: number, until: number) {
  for (let start = first; start < first + count; start += BATCH) {
    const end = Math.min(start + BATCH, first + count) - 1;
    const users = sql.raw(String(USERS));
    await db.execute(sql`
      with inserted as (
      insert into indexed_calls (call_id, result, media_type, call_type, caller, callees, started_at,
        accepted_at, ended_at, ring_seconds, talk_seconds, room_id, room_id_type, sources)
      select 'bench-' || i, result, media, ctype, 'user' || caller, callees, started,
        case when connected then started + ring * interval '1 second' end,
        started + (ring + coalesce(talk, 0)) * interval '1 second',
        ring, talk, 'room-' || i, 2, array['v4']
      from (
        select i, result, media, ctype, caller, started, connected,
          case when ctype = 'single' then array['user' || ((caller + 1 + (r5 * 4990)::int) % ${users})]
            else array['user' || ((caller + 1) % ${users}), 'user' || ((caller + 2) % ${users}),
              'user' || ((caller + 3 + (r5 * 4990)::int) % ${users})] end as callees,
          case when result = 'NotAnswer' then 30 when result = 'CallBusy' then 0
            when result in ('Cancel', 'Reject') then 1 + (r2 * 20)::int else 2 + (r2 * 20)::int end as ring,
          case when connected then floor(exp(ln(8) + r3 * (ln(3600) - ln(8))))::int end as talk
        from (
          select i, r2, r3, r5, caller, started, result, media, ctype,
            result in ('NormalEnd', 'Interrupt', 'Offline') as connected
          from (
            select i, random() as r2, random() as r3, random() as r5,
              (random() * ${sql.raw(String(USERS - 1))})::int as caller,
              to_timestamp(floor((${sql.raw(String(until))} - random() * ${sql.raw(String(7 * DAY))}) / 1000)) as started,
              case when r1 < 0.55 then 'NormalEnd' when r1 < 0.70 then 'Cancel' when r1 < 0.80 then 'NotAnswer'
                when r1 < 0.87 then 'Reject' when r1 < 0.92 then 'CallBusy' when r1 < 0.97 then 'Interrupt'
                else 'Offline' end as result,
              case when random() < 0.6 then 'audio' else 'video' end as media,
              case when random() < 0.88 then 'single' else 'group' end as ctype
            from (select i, random() as r1 from generate_series(${sql.raw(String(start))}, ${sql.raw(String(end))}) as i) g
          ) a
        ) b
      ) c
      returning call_id, caller, callees, started_at)
      insert into indexed_call_participants (call_id, user_id, role, started_at)
      select call_id, caller, 'caller', started_at from inserted
      union all
      select call_id, unnest(callees), 'callee', started_at from inserted`);
  }
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;

const QUERIES = [
  { name: "default (7 days, day buckets)", query: "" },
  { name: "hour buckets, Europe/Berlin", query: "bucket=hour&tz=Europe/Berlin" },
  { name: "group video calls", query: "type=group&media=video" },
  { name: "one user", query: "user=user42" },
];

const results: Record<string, unknown>[] = [];
let failed = false;
for (const database of APP_DATABASES.filter((d) => WANTED.includes(d.name))) {
  const handle = await database.open();
  try {
    const t0 = performance.now();
    await fill(handle.db, 1, CALLS, NOW);
    await fill(handle.db, CALLS + 1, CALLS, NOW - 7 * DAY);
    await handle.db.execute(sql`analyze`);
    const loadS = (performance.now() - t0) / 1000;
    console.log(`${database.name}: ${2 * CALLS} calls loaded in ${loadS.toFixed(1)} s`);

    const headers = { cookie: await sessionCookie("manager") };
    for (const q of QUERIES) {
      const call = async () => {
        const res = await getInsights(
          new NextRequest(`http://console.test/api/insights?${q.query}`, { headers }),
        );
        if (res.status !== 200) throw new Error(`${q.name}: ${res.status} ${await res.text()}`);
        return (await res.json()) as { summary: { total: number } };
      };
      const first = await call();
      for (let i = 0; i < 2; i++) await call();
      const times: number[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        const t = performance.now();
        await call();
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      const row = {
        database: database.name,
        query: q.name,
        calls: first.summary.total,
        p50Ms: Math.round(pct(times, 0.5)),
        p95Ms: Math.round(pct(times, 0.95)),
        targetP95Ms: TARGET_MS[database.name],
        pass: pct(times, 0.95) <= TARGET_MS[database.name]!,
      };
      if (q.query === "" && !row.pass) failed = true;
      results.push(row);
      console.log(row);
    }
  } finally {
    await handle.dispose();
  }
}
console.table(results);
console.log(JSON.stringify({ insights: results }));
process.exit(failed ? 1 : 0);
