// User search benchmark (issue 24): GET /api/search/users?q=… over 1,000,000 indexed calls.
// Target: p95 ≤ 50 ms on PostgreSQL (and ≤ 150 ms on PGlite) for every kind of query.
//
// The index is filled straight in SQL, as in the insights benchmark, through the same tables and
// triggers the sync writes (so indexed_users is kept by its triggers, as in production). User IDs
// come in the styles real apps use: numeric account IDs, first.last handles and prefixed IDs.
// Queries are what an agent types: 1–4 leading characters of a real ID, a piece from inside one,
// and text that matches nobody (every user row is scanned for the "others" part).
//
// Run: `npm run bench user-search` or `npx tsx bench/user-search.bench.ts`. Knobs: BENCH_CALLS
// (default 1000000), BENCH_USERS (default 100000), BENCH_SAMPLES (per kind, default 100),
// BENCH_DATABASES (pglite,postgres), TEST_DATABASE_URL (a throw-away database is made and dropped).
import { spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

// lib/ modules import "server-only", a no-op only under the react-server condition.
if (
  !process.execArgv.some((a) => a.includes("react-server")) &&
  process.env.USER_SEARCH_BENCH_CHILD !== "1"
) {
  const r = spawnSync(
    path.join(root, "node_modules/.bin/tsx"),
    ["--conditions=react-server", import.meta.filename],
    { stdio: "inherit", env: { ...process.env, USER_SEARCH_BENCH_CHILD: "1" } },
  );
  process.exit(r.status ?? 1);
}

const { sql } = await import("drizzle-orm");
const { NextRequest } = await import("next/server");
const { GET: searchUsers } = await import("../app/api/search/users/route");
const { rowsOf } = await import("../lib/db/executor");
const { APP_DATABASES } = await import("../test/databases");
const { sessionCookie } = await import("../test/session");

const CALLS = Number(process.env.BENCH_CALLS ?? 1_000_000);
const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 100);
const WANTED = (process.env.BENCH_DATABASES ?? "pglite,postgres").split(",");
const TARGET_MS: Record<string, number> = { postgres: 50, pglite: 150 };
const BATCH = 100_000;
const NOW = Date.now();

type Db = Awaited<ReturnType<(typeof APP_DATABASES)[number]["open"]>>["db"];

const FIRST = "alice bob carol dave erin frank grace heidi ivan judy ken lin mei nina oscar peggy";
const LAST = "chen wang li zhang liu smith tan ng kim park garcia silva khan";

async function fill(db: Db) {
  const first = FIRST.split(" ")
    .map((n) => `'${n}'`)
    .join(",");
  const last = LAST.split(" ")
    .map((n) => `'${n}'`)
    .join(",");
  await db.execute(
    sql.raw(`create function bench_user(i int) returns text immutable language sql as $$
      select case i % 5
        when 0 then (10000000 + i * 37)::text
        when 1 then 'user_' || i
        else (array[${first}])[1 + i % 16] || (case when i % 2 = 0 then '.' else '_' end)
          || (array[${last}])[1 + (i / 16) % 13] || (i / 208)::text end $$`),
  );
  for (let start = 1; start <= CALLS; start += BATCH) {
    const end = Math.min(start + BATCH - 1, CALLS);
    await db.execute(sql`
      with inserted as (
        insert into indexed_calls (call_id, result, media_type, call_type, caller, callees,
          started_at, accepted_at, ended_at, ring_seconds, talk_seconds, room_id, room_id_type, sources)
        select 'bench-' || i, 'NormalEnd', 'audio', case when g then 'group' else 'single' end,
          bench_user(c), case when g then array[bench_user((c + 1) % ${USERS}),
            bench_user((c + 2) % ${USERS}), bench_user((c + 7919) % ${USERS})]
            else array[bench_user((c + 1 + (r * 4990)::int) % ${USERS})] end,
          t, t, t + interval '60 seconds', 5, 55, 'room-' || i, 2, array['v4']
        from (select i, random() < 0.12 as g, random() as r, (random() * (${USERS} - 1))::int as c,
            to_timestamp(floor((${NOW} - random() * 7 * 86400000) / 1000)) as t
          from generate_series(${start}::int, ${end}::int) as i) x
        returning call_id, caller, callees, started_at)
      insert into indexed_call_participants (call_id, user_id, role, started_at)
      select call_id, caller, 'caller', started_at from inserted
      union all
      select call_id, unnest(callees), 'callee', started_at from inserted`);
  }
  await db.execute(sql`analyze`);
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;

function queriesFrom(ids: string[]): Record<string, string[]> {
  const pick = () => ids[Math.floor(Math.random() * ids.length)]!;
  const kinds: Record<string, string[]> = { prefix: [], inside: [], nobody: [] };
  for (let i = 0; i < SAMPLES; i++) {
    kinds.prefix!.push(pick().slice(0, 1 + (i % 4)));
    const id = pick();
    const from = 1 + Math.floor(Math.random() * Math.max(1, id.length - 4));
    kinds.inside!.push(id.slice(from, from + 3 + (i % 2)));
    kinds.nobody!.push(`zq${i}x`);
  }
  return kinds;
}

const results: Record<string, unknown>[] = [];
let failed = false;
for (const database of APP_DATABASES.filter((d) => WANTED.includes(d.name))) {
  const handle = await database.open();
  try {
    const t0 = performance.now();
    await fill(handle.db);
    const [counts] = rowsOf<{ users: number; calls: number }>(
      await handle.db.execute(
        sql`select (select count(*)::int from indexed_users) as users, (select count(*)::int from indexed_calls) as calls`,
      ),
    );
    console.log(
      `${database.name}: ${counts!.calls.toLocaleString("en-US")} calls, ${counts!.users.toLocaleString("en-US")} users loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const ids = rowsOf<{ user_id: string }>(
      await handle.db.execute(sql`select user_id from indexed_users order by random() limit 2000`),
    ).map((r) => r.user_id);

    const headers = { cookie: await sessionCookie("support") };
    const ask = async (q: string) => {
      const res = await searchUsers(
        new NextRequest(`http://console.test/api/search/users?q=${encodeURIComponent(q)}`, {
          headers,
        }),
      );
      if (res.status !== 200) throw new Error(`q=${q}: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { items: unknown[] }).items.length;
    };
    for (const q of ["b", "bob", "chen", "zzz"]) await ask(q); // warm caches and JIT
    for (const [kind, queries] of Object.entries(queriesFrom(ids))) {
      const times: number[] = [];
      let found = 0;
      for (const q of queries) {
        const t = performance.now();
        found += await ask(q);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      const row = {
        database: database.name,
        query: kind,
        meanItems: +(found / queries.length).toFixed(1),
        p50Ms: +pct(times, 0.5).toFixed(1),
        p95Ms: +pct(times, 0.95).toFixed(1),
        maxMs: +times.at(-1)!.toFixed(1),
        targetP95Ms: TARGET_MS[database.name],
        pass: pct(times, 0.95) <= TARGET_MS[database.name]!,
      };
      if (!row.pass) failed = true;
      results.push(row);
      console.log(row);
    }
  } finally {
    await handle.dispose();
  }
}
console.table(results);
console.log(JSON.stringify({ userSearch: results }));
process.exit(failed ? 1 : 0);
