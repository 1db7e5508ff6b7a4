// Record index benchmark (issue 6), on PGlite and on PostgreSQL:
//  1. Backfill: the real sync (lib/sync, the real upstream client with its process-wide
//     throttle, over HTTP) pages BENCH_CALLS calls out of an emulator running as its own
//     process with Tencent's rate limits on. Reported as a ratio to the rate-limit floor: each
//     filter endpoint allows 200 requests/s and v4 and v1 are separate endpoints read in
//     parallel, so floor = max(v4 pages, v1 pages) / 200 s. Target ≤ 1.2×. Peak memory (RSS) of
//     the syncing process is reported too, and the CPU time the backfill took in the syncing
//     process, the PostgreSQL backends and the emulator (Linux): divided by the cores times the
//     floor, it is the least ratio this machine could reach even with every core busy throughout.
//     On PGlite the CPU of its database thread alone is reported as well: every statement runs on
//     that one thread, so divided by the floor it is the least ratio any number of cores allows.
//  2. GET /api/records?user=… over the index just built: the real route handler (zod parsing,
//     role check, error envelope, the query) driven with NextRequest objects in-process, i.e.
//     everything but the socket. Users are picked at random from everyone in the index. Targets:
//     p95 ≤ 50 ms on PostgreSQL, ≤ 150 ms on PGlite.
//
// Run: `npm run bench record-index` or `npx tsx bench/record-index.bench.ts`. Knobs: BENCH_CALLS
// (default 1000000), BENCH_QUERIES (default 200), BENCH_DATABASES (pglite,postgres),
// TEST_DATABASE_URL (PostgreSQL server; a throw-away database is created and dropped).
// At 1,000,000 calls a run takes several minutes per database (the floor alone is ~50 s).
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";

import { startEmulatorProcess, stopEmulatorProcess } from "./emulator-process";
import type { Db } from "../lib/db/client";

const root = path.resolve(import.meta.dirname, "..");

const CALLS = Number(process.env.BENCH_CALLS ?? 1_000_000);
const WANTED = (process.env.BENCH_DATABASES ?? "pglite,postgres").split(",");

// The parent runs the emulator (its own process, as in production) and one child per database,
// so each database's peak memory is its own. Children run under the react-server condition,
// where lib/'s `import "server-only"` is a no-op.
if (!process.env.RECORD_INDEX_BENCH_DB) {
  const emulator = await startEmulatorProcess({
    EMULATOR_CALLS: String(CALLS),
    EMULATOR_RATE_LIMIT: "true", // Tencent's documented limits, enforced by the emulator
  });
  let failed = false;
  try {
    console.log(
      `emulator with ${CALLS.toLocaleString()} calls at ${emulator.url} (rate limits on)`,
    );
    for (const name of ["pglite", "postgres"].filter((n) => WANTED.includes(n))) {
      const r = spawnSync(
        path.join(root, "node_modules/.bin/tsx"),
        ["--conditions=react-server", import.meta.filename],
        {
          stdio: "inherit",
          env: {
            ...process.env,
            RECORD_INDEX_BENCH_DB: name,
            RECORD_INDEX_BENCH_EMULATOR: emulator.url,
            RECORD_INDEX_BENCH_EMULATOR_PID: String(emulator.child.pid ?? ""),
          },
        },
      );
      if (r.status !== 0) failed = true;
    }
  } finally {
    await stopEmulatorProcess(emulator);
  }
  if (failed) console.log("record index benchmark: a target was missed");
  process.exit(failed ? 1 : 0);
}

const pino = (await import("pino")).default;
const { sql } = await import("drizzle-orm");
const { NextRequest } = await import("next/server");
const { EMULATOR_DEFAULTS } = await import("../emulator/src/defaults");
const { GET: listRecords } = await import("../app/api/records/route");
const { DEFAULT_SETTINGS, runSyncPass } = await import("../lib/sync/engine");
const { rowsOf } = await import("../lib/db/executor");
const { quietPool } = await import("../lib/sync/testing");
const { createTrtcClient } = await import("../lib/trtc/client");
const { APP_DATABASES } = await import("../test/databases");
const { sessionCookie } = await import("../test/session");

const QUERIES = Number(process.env.BENCH_QUERIES ?? 200);
const QUERY_TARGET_MS: Record<string, number> = { postgres: 50, pglite: 150 };
const RATE = 200;

/** CPU seconds from a /proc stat file (a process's or one thread's), or null if unreadable. */
function cpuSecondsIn(statFile: string): number | null {
  try {
    // Fields after the command name: utime and stime are the 12th and 13th, in clock ticks.
    const fields = readFileSync(statFile, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** CPU seconds a process has used so far (Linux /proc), or null where that cannot be read. */
const cpuSecondsOf = (pid: number) => cpuSecondsIn(`/proc/${pid}/stat`);

/** CPU seconds of each thread of this process so far, by thread ID (empty off Linux). */
function threadCpuSeconds(): Map<number, number> {
  const out = new Map<number, number>();
  let tids: string[] = [];
  try {
    tids = readdirSync("/proc/self/task");
  } catch {
    return out;
  }
  for (const tid of tids) {
    const t = cpuSecondsIn(`/proc/self/task/${tid}/stat`);
    if (t !== null) out.set(Number(tid), t);
  }
  return out;
}

/**
 * The most CPU one thread other than the main one used between two readings: on PGlite, its
 * worker thread (lib/db/pglite-thread.ts), which runs every statement. (The rest are V8's and
 * libuv's helpers, a second or two each.)
 */
function busiestWorkerThread(before: Map<number, number>, after: Map<number, number>) {
  let most = 0;
  for (const [tid, t] of after) {
    if (tid !== process.pid) most = Math.max(most, t - (before.get(tid) ?? 0));
  }
  return most;
}

/**
 * CPU used by this database's PostgreSQL backends while `run` runs: sampled every second (a pool
 * closes idle connections, and a closed backend's time is gone), so it is a lower bound. Null
 * when the server's processes cannot be read (PGlite, or PostgreSQL on another machine).
 */
async function postgresCpu<T>(db: Db, run: () => Promise<T>): Promise<[T, number | null]> {
  const seen = new Map<number, { first: number; last: number }>();
  let readable = true;
  const sample = async () => {
    const res = await db.execute(
      sql`select pid from pg_stat_activity where datname = current_database()`,
    );
    for (const { pid } of rowsOf<{ pid: number }>(res)) {
      const t = cpuSecondsOf(pid);
      if (t === null) readable = false;
      else seen.set(pid, { first: seen.get(pid)?.first ?? t, last: t });
    }
  };
  await sample();
  const timer = setInterval(() => void sample().catch(() => (readable = false)), 1000);
  try {
    const result = await run();
    await sample();
    let total = 0;
    for (const { first, last } of seen.values()) total += last - first;
    return [result, readable ? total : null];
  } finally {
    clearInterval(timer);
  }
}

const mb = (bytes: number) => `${Math.round(bytes / 1048576)} MB`;
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function openTarget(name: string) {
  // The app's own database (the route reads it), PGlite in a data directory as the console runs
  // it. quietPool: a throw-away PostgreSQL database is dropped only once its sockets have closed.
  return quietPool(await APP_DATABASES.find((d) => d.name === name)!.open());
}

async function benchOne(name: string, emulatorUrl: string): Promise<boolean> {
  const handle = await openTarget(name);
  let ok = true;
  try {
    const client = createTrtcClient(
      {
        mode: "embedded",
        sdkAppId: EMULATOR_DEFAULTS.sdkAppId,
        secretKey: EMULATOR_DEFAULTS.secretKey,
        identifier: "administrator",
        chatBaseUrl: emulatorUrl,
        callkitBaseUrl: emulatorUrl,
        recordsApi: "both",
      },
      { logger: pino({ level: "silent" }) },
    );
    const pages = { v4: 0, v1: 0 };
    const source = {
      listRecordsPage: (input: Parameters<typeof client.listRecordsPage>[0]) => {
        pages[input.generation]++;
        return client.listRecordsPage(input);
      },
    };
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(
      () => (peakRss = Math.max(peakRss, process.memoryUsage().rss)),
      100,
    );
    const emulatorPid = Number(process.env.RECORD_INDEX_BENCH_EMULATOR_PID);
    const emulatorCpuBefore = cpuSecondsOf(emulatorPid);
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const threadsBefore = threadCpuSeconds();
    const sync = () =>
      runSyncPass(handle.db, source, {
        ...DEFAULT_SETTINGS,
        generations: ["v4", "v1"],
        now: Date.now,
        logger: pino({ level: "silent" }),
      });
    const [reports, databaseCpu] =
      name === "postgres" ? await postgresCpu(handle.db, sync) : [await sync(), 0];
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const databaseThread = busiestWorkerThread(threadsBefore, threadCpuSeconds());
    const emulatorCpuAfter = cpuSecondsOf(emulatorPid);
    clearInterval(sampler);
    // The process's own maximum also counts opening the database (a new PGlite directory's
    // creation peaks near 1 GB on a worker that is then ended); the samples are the backfill's.
    const lifetimeMaxRss = process.resourceUsage().maxRSS * 1024;
    const backfill = reports.find((r) => r.kind === "backfill")!;
    const indexed = rowsOf<{ n: number }>(
      await handle.db.execute(sql`select count(*)::int as n from indexed_calls`),
    )[0]!.n;
    const floor = Math.max(pages.v4, pages.v1) / RATE;
    const ratio = seconds / floor;
    console.log(
      `[${name}] backfill of ${CALLS.toLocaleString()} calls: ${indexed.toLocaleString()} indexed in ${seconds.toFixed(1)} s ` +
        `(backfill ${(backfill.durationMs / 1000).toFixed(1)} s, of which database writes ${((backfill.writeMs ?? 0) / 1000).toFixed(1)} s summed over concurrent writers` +
        `${backfill.bulk ? `, bulk load finished (indexes, rollups) in ${((backfill.finishMs ?? 0) / 1000).toFixed(1)} s` : ""}, + catch-up pass); pages v4 ${pages.v4}, v1 ${pages.v1}; ` +
        `floor ${floor.toFixed(1)} s → ratio ${ratio.toFixed(2)}× (target ≤ 1.2×); peak RSS ${mb(peakRss)} during the backfill (${mb(lifetimeMaxRss)} since the process started)`,
    );
    // Where the time goes: a backfill faster than the rate limit allows is impossible, and so is
    // one faster than the machine's cores can do the work of the console, the database and the
    // emulator (here all on one machine, unlike Tencent).
    const consoleCpu = (cpu.user + cpu.system) / 1e6;
    const emulatorCpu =
      emulatorCpuBefore === null || emulatorCpuAfter === null
        ? null
        : emulatorCpuAfter - emulatorCpuBefore;
    if (databaseCpu !== null && emulatorCpu !== null) {
      const total = consoleCpu + databaseCpu + emulatorCpu;
      const cores = availableParallelism();
      console.log(
        `[${name}] CPU: syncing process ${consoleCpu.toFixed(1)} s` +
          `${name === "pglite" ? " (PGlite's thread included)" : `, PostgreSQL backends ≥ ${databaseCpu.toFixed(1)} s`}` +
          `, emulator ${emulatorCpu.toFixed(1)} s = ${total.toFixed(1)} s; ${cores} cores give ${(cores * floor).toFixed(1)} s in the floor's time, ` +
          `so the work alone needs ≥ ${(total / (cores * floor)).toFixed(2)}× the floor on this machine`,
      );
    }
    // PGlite runs every statement on one thread, so that thread's CPU is a floor of its own,
    // whatever the number of cores.
    if (name === "pglite" && databaseThread > 0) {
      console.log(
        `[pglite] its database thread alone: ${databaseThread.toFixed(1)} s of CPU = ${(databaseThread / floor).toFixed(2)}× the floor`,
      );
    }
    if (ratio > 1.2) ok = false;

    // GET /api/records?user=… through the real route handler.
    const users = rowsOf<{ user_id: string }>(
      await handle.db.execute(sql`select distinct user_id from indexed_call_participants`),
    ).map((r) => r.user_id);
    const headers = { cookie: await sessionCookie("support") };
    const times: number[] = [];
    let totalSeen = 0;
    for (let i = 0; i < QUERIES + 10; i++) {
      const user = users[Math.floor(Math.random() * users.length)]!;
      const t0 = performance.now();
      const res = await listRecords(
        new NextRequest(`http://console.test/api/records?user=${encodeURIComponent(user)}`, {
          headers,
        }),
      );
      const body = (await res.json()) as { total: number; items: unknown[] };
      const ms = performance.now() - t0;
      if (res.status !== 200) throw new Error(`GET /api/records answered ${res.status}`);
      if (i >= 10) times.push(ms); // the first few warm caches and JIT
      totalSeen = Math.max(totalSeen, body.total);
    }
    times.sort((a, b) => a - b);
    const p95 = pct(times, 95);
    console.log(
      `[${name}] GET /api/records?user=… over ${indexed.toLocaleString()} calls (${users.length} users, up to ` +
        `${totalSeen.toLocaleString()} calls per user): p50 ${pct(times, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, ` +
        `max ${times[times.length - 1]!.toFixed(1)} ms (target p95 ≤ ${QUERY_TARGET_MS[name]} ms)`,
    );
    if (p95 > QUERY_TARGET_MS[name]!) ok = false;
  } finally {
    await handle.dispose();
  }
  return ok;
}

const ok = await benchOne(
  process.env.RECORD_INDEX_BENCH_DB,
  process.env.RECORD_INDEX_BENCH_EMULATOR!,
);
process.exit(ok ? 0 : 1);
