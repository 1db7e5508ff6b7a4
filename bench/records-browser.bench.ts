// Benchmark of the record browser's server side (issue 7), on PGlite with 1,000,000 indexed calls:
//  1. the first page of GET /api/records with three filters, through the real route wrapper
//     (zod parsing, error envelope) and lib/records/query.ts (target: p95 at most 150 ms);
//  2. GET /api/records/export of all 1,000,000 rows, the CSV body read to the end (target: at
//     least 50,000 rows/s, resident memory growth at most 100 MB).
//
// Run: `npx tsx --conditions=react-server bench/records-browser.bench.ts` (or `npm run bench
// records-browser`). The index is generated with SQL into BENCH_RECORDS_DIR (default
// .data-bench-records) once and reused; BENCH_RECORDS_CALLS changes the size. Output: a table and JSON.
import path from "node:path";

import { sql } from "drizzle-orm";
import { NextRequest } from "next/server";

import { GET as exportRecords } from "../app/api/records/export/route";
import { GET as listRecords } from "../app/api/records/route";
import { getDbHandle, type Db } from "../lib/db/client";
import { rowsOf } from "../lib/db/executor";
import { sessionCookie } from "../test/session";

const ROOT = path.resolve(import.meta.dirname, "..");
const CALLS = Number(process.env.BENCH_RECORDS_CALLS ?? 1_000_000);
const DIR = path.resolve(ROOT, process.env.BENCH_RECORDS_DIR ?? ".data-bench-records");
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 60);
const CHUNK = 100_000;
const MB = 1024 * 1024;

/** Calls spread over the 7-day window, results and media mixed, 20,000 users, 5,000 rooms. */
async function fill(db: Db, end: number): Promise<void> {
  for (let start = 1; start <= CALLS; start += CHUNK) {
    const last = Math.min(CALLS, start + CHUNK - 1);
    await db.execute(sql`
      with s as (
        select i, abs(hashint4(i)) as h, (${end}::float8 - i * (604800000.0 / ${CALLS})) as ms
        from generate_series(${start}::int, ${last}::int) as i
      ), c as (
        select i, h, to_timestamp(floor(ms / 1000)) as started,
          (array['NormalEnd','Cancel','Reject','NotAnswer','CallBusy','Interrupt','Offline'])[1 + h % 7] as result,
          1 + (h / 7) % 40 as ring, (h / 280) % 900 as talk
        from s
      )
      insert into indexed_calls (call_id, result, media_type, call_type, caller, callees, started_at,
        accepted_at, ended_at, ring_seconds, talk_seconds, room_id, room_id_type, chat_group_id, sources)
      select 'bench-' || lpad(i::text, 8, '0'), result,
        case when (h / 3) % 2 = 0 then 'audio' else 'video' end,
        case when (h / 5) % 5 = 0 then 'group' else 'single' end,
        'user_' || ((h / 11) % 20000),
        case when (h / 5) % 5 = 0
          then array['user_' || ((h / 13) % 20000), 'user_' || ((h / 17 + 1) % 20000)]
          else array['user_' || ((h / 13) % 20000)] end,
        started,
        case when result in ('NormalEnd', 'Interrupt') then started + ring * interval '1 second' end,
        started + (ring + case when result in ('NormalEnd', 'Interrupt') then talk else 0 end) * interval '1 second',
        ring,
        case when result in ('NormalEnd', 'Interrupt') then talk end,
        (10000 + (h / 19) % 5000)::text, 1, null, array['v4']
      from c
      on conflict do nothing`);
    await db.execute(sql`
      insert into indexed_call_participants (call_id, user_id, role, started_at)
      select call_id, caller, 'caller', started_at from indexed_calls
        where call_id between ${`bench-${String(start).padStart(8, "0")}`} and ${`bench-${String(last).padStart(8, "0")}`}
      union all
      select c.call_id, u, 'callee', c.started_at from indexed_calls c cross join lateral unnest(c.callees) as u
        where c.call_id between ${`bench-${String(start).padStart(8, "0")}`} and ${`bench-${String(last).padStart(8, "0")}`}
          and u <> c.caller
      on conflict do nothing`);
    process.stdout.write(`  indexed ${last.toLocaleString("en-US")} calls\r`);
  }
  await db.execute(sql`analyze`);
  process.stdout.write("\n");
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main() {
  const t0 = Date.now();
  // The routes use the app's own database, so the app is pointed at the benchmark's.
  process.env.DATA_DIR = DIR;
  delete process.env.DATABASE_URL;
  const handle = await getDbHandle();
  const db = handle.db;
  const count = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from indexed_calls`),
  )[0]!.n;
  const newest = rowsOf<{ ms: number | null }>(
    await db.execute(
      sql`select (extract(epoch from max(started_at)) * 1000)::float8 as ms from indexed_calls`,
    ),
  )[0]!.ms;
  const end = newest ?? Date.now();
  if (count < CALLS) {
    console.log(
      `Generating ${CALLS.toLocaleString("en-US")} calls into ${path.relative(ROOT, DIR)} …`,
    );
    await fill(db, end);
  }
  console.log(`index ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // 1. First page with three filters, several shapes: each sample varies the values so the
  // cache of one query plan/result does not flatter the figure.
  const headers = { cookie: await sessionCookie("manager") };
  const day = 86_400_000;
  const shapes: [string, (i: number) => string][] = [
    [
      "result + media + type",
      (i) =>
        `result=${["NotAnswer,Offline", "NormalEnd", "Cancel,Reject"][i % 3]}&media=${i % 2 ? "video" : "audio"}&type=single`,
    ],
    [
      "from/to + result + media",
      (i) =>
        `from=${new Date(end - (2 + (i % 4)) * day).toISOString()}&to=${new Date(end - (i % 4) * day).toISOString()}&result=NormalEnd&media=video`,
    ],
    [
      "user + result + from",
      (i) =>
        `user=user_${(i * 37) % 20000}&result=NotAnswer,Offline,Interrupt&from=${new Date(end - 6 * day).toISOString()}`,
    ],
    [
      "room + type + sort by ring",
      (i) => `room=${10000 + ((i * 53) % 5000)}&type=single&sort=-ringSeconds`,
    ],
    [
      "result + type + sort by talk",
      (i) => `result=${i % 2 ? "NormalEnd" : "Interrupt"}&type=group&sort=-talkSeconds`,
    ],
  ];
  const listResults: { shape: string; p50: number; p95: number; total: number }[] = [];
  if (process.env.BENCH_SKIP_LIST) shapes.length = 0;
  for (const [shape, params] of shapes) {
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < SAMPLES + 5; i++) {
      const started = performance.now();
      const res = await listRecords(
        new NextRequest(`http://localhost/api/records?${params(i)}`, { headers }),
      );
      const body = (await res.json()) as { total: number };
      if (res.status !== 200) throw new Error(`${shape}: ${res.status} ${JSON.stringify(body)}`);
      if (i >= 5) times.push(performance.now() - started); // the first few warm the caches
      total = body.total;
    }
    times.sort((a, b) => a - b);
    listResults.push({ shape, p50: percentile(times, 50), p95: percentile(times, 95), total });
    console.log(
      `  ${shape}: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms`,
    );
  }

  // 2. The whole index as CSV through the route handler, read to the end.
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }, 50);
  const started = performance.now();
  const res = await exportRecords(
    new NextRequest("http://localhost/api/records/export?tz=Europe/Berlin", { headers }),
  );
  if (res.status !== 200) throw new Error(`export: ${res.status} ${await res.text()}`);
  const reader = res.body!.getReader();
  let bytes = 0;
  let lines = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (let i = 0; i < value.length; i++) if (value[i] === 10) lines++;
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  const rows = lines - 1;
  const exportResult = {
    rows,
    seconds: Number(seconds.toFixed(2)),
    rowsPerSecond: Math.round(rows / seconds),
    megabytes: Number((bytes / MB).toFixed(1)),
    rssGrowthMb: Number(((rssPeak - rssBefore) / MB).toFixed(1)),
  };

  const listPass = listResults.every((r) => r.p95 <= 150);
  const exportPass =
    exportResult.rowsPerSecond >= 50_000 && exportResult.rssGrowthMb <= 100 && rows === CALLS;
  console.log(
    `\nGET /api/records, first page, three filters, ${CALLS.toLocaleString("en-US")} calls (${SAMPLES} samples each; target p95 ≤ 150 ms)`,
  );
  console.table(
    listResults.map((r) => ({
      shape: r.shape,
      "p50 ms": r.p50.toFixed(1),
      "p95 ms": r.p95.toFixed(1),
      total: r.total,
    })),
  );
  console.log(`GET /api/records/export, every row (target ≥ 50,000 rows/s, RSS growth ≤ 100 MB)`);
  console.table([exportResult]);
  console.log(
    JSON.stringify({
      list: listResults,
      export: exportResult,
      pass: { list: listPass, export: exportPass },
    }),
  );
  await handle.close();
  if (!listPass || !exportPass) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
