// Live-calls benchmark (issue 23): from storeEvents() of a call's start to that call in an answer
// of GET /api/live, as the /live page sees it. Target: p95 at most 2 s, on PGlite and PostgreSQL.
//
// The page polls every second, so a reader polls the real route handler (session, role check,
// envelope) at that cadence while, in the background, BENCH_OPEN calls are in progress and events
// arrive at BENCH_RATE per second. Each sample stores a new call's start at a random moment and
// waits for the first poll answer that lists it. Also measured: one GET /api/live alone.
//
// Run: `npm run bench live` or `npx tsx bench/live.bench.ts`. Knobs: BENCH_OPEN (default 300),
// BENCH_RATE (events/s, default 200), BENCH_SAMPLES (default 40), BENCH_DATABASES (pglite,postgres),
// TEST_DATABASE_URL for the PostgreSQL server (a throw-away database is created and dropped).
import { spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

// lib/ modules import "server-only", a no-op only under the react-server condition.
if (
  !process.execArgv.some((a) => a.includes("react-server")) &&
  process.env.LIVE_BENCH_CHILD !== "1"
) {
  const r = spawnSync(
    path.join(root, "node_modules/.bin/tsx"),
    ["--conditions=react-server", import.meta.filename],
    { stdio: "inherit", env: { ...process.env, LIVE_BENCH_CHILD: "1" } },
  );
  process.exit(r.status ?? 1);
}

const { NextRequest } = await import("next/server");
const { GET: getLive } = await import("../app/api/live/route");
const { storeEvents } = await import("../lib/events/store");
const { stored, v4Start } = await import("../lib/events/live-testing");
const { APP_DATABASES } = await import("../test/databases");
const { sessionCookie } = await import("../test/session");

const OPEN = Number(process.env.BENCH_OPEN ?? 300);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 40);
const WANTED = (process.env.BENCH_DATABASES ?? "pglite,postgres").split(",");
const POLL_MS = 1_000;
const TARGET_MS = 2_000;

type Db = Awaited<ReturnType<(typeof APP_DATABASES)[number]["open"]>>["db"];
type LiveAnswer = { items: { callId: string }[] };

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const iso = (ms: number) => new Date(ms).toISOString();

/** Open group calls with a few answers each, as a busy app has them. */
async function fillOpenCalls(db: Db) {
  const now = Date.now();
  for (let i = 0; i < OPEN; i++) {
    const t = now - 60_000 + i;
    const callees = [`u${i}-b`, `u${i}-c`, `u${i}-d`];
    await storeEvents(db, [
      ...v4Start(`open-${i}`, iso(t), `u${i}-a`, callees),
      stored(`open-${i}`, iso(t + 3_000), callees[0]!, "accepted"),
      stored(`open-${i}`, iso(t + 4_000), callees[1]!, "declined"),
    ]);
  }
}

/** Member changes on the open calls at `RATE` per second, until stopped. */
function backgroundEvents(db: Db) {
  let running = true;
  let sent = 0;
  const loop = (async () => {
    const tickMs = 50;
    const perTick = Math.max(1, Math.round((RATE * tickMs) / 1000));
    while (running) {
      const started = performance.now();
      const batch = Array.from({ length: perTick }, () => {
        const i = sent++ % OPEN;
        return stored(`open-${i}`, iso(Date.now()), `u${i}-d`, "received", { generation: "v1" });
      });
      await storeEvents(db, batch);
      await sleep(Math.max(0, tickMs - (performance.now() - started)));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return sent;
    },
  };
}

const results: Record<string, unknown>[] = [];
let failed = false;
for (const database of APP_DATABASES.filter((d) => WANTED.includes(d.name))) {
  const handle = await database.open();
  try {
    await fillOpenCalls(handle.db);
    const headers = { cookie: await sessionCookie("support") };
    const read = async (): Promise<LiveAnswer> => {
      const res = await getLive(new NextRequest("http://console.test/api/live", { headers }));
      if (res.status !== 200) throw new Error(`GET /api/live: ${res.status} ${await res.text()}`);
      return (await res.json()) as LiveAnswer;
    };
    for (let i = 0; i < 3; i++) await read();

    const background = backgroundEvents(handle.db);
    const single: number[] = [];
    const seen: number[] = [];
    // The page's poller: one read a second, recording when each call was first listed.
    const firstSeen = new Map<string, number>();
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const started = performance.now();
        const answer = await read();
        const at = performance.now();
        single.push(at - started);
        for (const c of answer.items) if (!firstSeen.has(c.callId)) firstSeen.set(c.callId, at);
        await sleep(Math.max(0, POLL_MS - (at - started)));
      }
    })();
    for (let s = 0; s < SAMPLES; s++) {
      await sleep(Math.random() * POLL_MS);
      const callId = `sample-${database.name}-${s}`;
      const t0 = performance.now();
      await storeEvents(handle.db, v4Start(callId, iso(Date.now()), `s${s}-a`, [`s${s}-b`]));
      while (!firstSeen.has(callId)) await sleep(10);
      seen.push(firstSeen.get(callId)! - t0);
    }
    polling = false;
    await poller;
    const events = await background.stop();

    seen.sort((a, b) => a - b);
    single.sort((a, b) => a - b);
    const row = {
      database: database.name,
      openCalls: OPEN + SAMPLES,
      backgroundEvents: events,
      samples: SAMPLES,
      storeToPageP50Ms: Math.round(pct(seen, 0.5)),
      storeToPageP95Ms: Math.round(pct(seen, 0.95)),
      storeToPageMaxMs: Math.round(seen.at(-1)!),
      getLiveP50Ms: Math.round(pct(single, 0.5)),
      getLiveP95Ms: Math.round(pct(single, 0.95)),
      targetP95Ms: TARGET_MS,
      pass: pct(seen, 0.95) <= TARGET_MS,
    };
    if (!row.pass) failed = true;
    results.push(row);
    console.log(row);
  } finally {
    await handle.dispose();
  }
}
console.table(results);
console.log(JSON.stringify({ live: results }));
process.exit(failed ? 1 : 0);
