// Callback ingestion benchmark (issue 23), on PGlite and on PostgreSQL: Tencent's deliveries sent
// at a fixed rate (open loop: each second's requests go out on schedule whatever the answers do)
// to the receiver running in a process of its own (lib/events/fixtures/receiver-child.ts: the
// route's handler behind a plain Node HTTP server, the database it would use in production).
// A mix of v4 member changes (one event), v4 starts (three) and v1 events (one). Each answer is
// timed from its request's send to Tencent's ack, which comes only after the commit.
// Targets: every delivery acknowledged at ≥ 2,000 a second sustained, ack p99 ≤ 50 ms.
// Afterwards the database must hold exactly the events acknowledged.
//
// Run: `npm run bench callbacks` or `npx tsx --conditions=react-server bench/callbacks.bench.ts`. Knobs: BENCH_RATE
// (deliveries a second, default 2000), BENCH_SECONDS (timed seconds, default 20, after 3 s of
// warm-up at the same rate), BENCH_DATABASES (pglite,postgres), BENCH_MAX_EVENTS (events per
// statement in the receiver; 1 measures one delivery per statement, i.e. without batching),
// BENCH_WRITE_CONCURRENCY (statements the receiver runs at once, default 1),
// TEST_DATABASE_URL (PostgreSQL server; a throw-away database is created and dropped).
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";

import { sql } from "drizzle-orm";
import { Client } from "pg";
import { Pool } from "undici";

import { openDatabase } from "../lib/db/client";
import { rowsOf } from "../lib/db/executor";
import { v1EventBody, v1Query, v4MemberBody, v4Query, v4StartBody } from "../lib/events/testing";
import { testDatabaseUrl } from "../test/database-url";

const root = path.resolve(import.meta.dirname, "..");
const CHILD = path.join(root, "lib/events/fixtures/receiver-child.ts");
const RATE = Number(process.env.BENCH_RATE ?? 2000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WARMUP_SECONDS = 3;
const WANTED = (process.env.BENCH_DATABASES ?? "pglite,postgres").split(",");
const APP = 1400123456;
const TICK_MS = 5;
const TARGET_P99_MS = 50;

/** CPU seconds a process has used (Linux), its threads included. */
function procCpu(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[i]! * 10) / 10;
}

function startReceiver(db: string): Promise<{ child: ChildProcess; url: string; token: string }> {
  return new Promise((resolve, reject) => {
    const nodeArgs = (process.env.BENCH_RECEIVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
    const child = spawn(
      process.execPath,
      [...nodeArgs, "--conditions=react-server", "--import", "tsx", CHILD],
      {
        cwd: root,
        env: {
          ...process.env,
          RECEIVER_CHILD_DB: db,
          RECEIVER_CHILD_APP: String(APP),
          RECEIVER_CHILD_MAX_EVENTS: process.env.BENCH_MAX_EVENTS ?? "",
          RECEIVER_CHILD_WRITE_CONCURRENCY: process.env.BENCH_WRITE_CONCURRENCY ?? "",
          LOG_LEVEL: "silent",
        },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /RECEIVER_READY (\S+) (\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]!, token: m[2]! });
    });
    child.on("exit", (code) => reject(new Error(`receiver exited (${code})`)));
  });
}

type Delivery = { path: string; body: string; events: number };

function delivery(n: number, t0: number): Delivery {
  const at = t0 + n;
  const call = `bench-${Math.floor(n / 4)}`;
  switch (n % 4) {
    case 0:
      return {
        path: v4Query(APP, "Call.CallbackAfterStartCall"),
        body: v4StartBody(call, `u${n}`, [`u${n + 1}`, `u${n + 2}`], at),
        events: 3,
      };
    case 3:
      return {
        path: v1Query(APP, "callee_receive_call"),
        body: v1EventBody(call, `u${n}`, "callee", "receive_call", at),
        events: 1,
      };
    default:
      return {
        path: v4Query(APP, "Call.CallbackAfterMemberChanged"),
        body: v4MemberBody(call, `u${n}`, n % 4 === 1 ? "Accept" : "Hangup", at),
        events: 1,
      };
  }
}

type Result = {
  database: string;
  rate: number;
  seconds: number;
  sent: number;
  acked: number;
  ackedPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  eventsStored: number;
  eventsAcked: number;
  /** CPU per delivery, ms: the receiver process (database driver included) and the load generator. */
  receiverCpuMs: number;
  generatorCpuMs: number;
  wallSeconds: number;
  pass: boolean;
};

async function run(
  database: string,
  target: string,
  count: () => Promise<number>,
): Promise<Result> {
  const receiver = await startReceiver(target);
  const pool = new Pool(receiver.url, { connections: 128, pipelining: 1 });
  const latencies: number[] = [];
  let sent = 0;
  let acked = 0;
  let eventsAcked = 0;
  let failures = 0;
  const t0 = Date.now();
  const total = RATE * (WARMUP_SECONDS + SECONDS);
  const timedFrom = RATE * WARMUP_SECONDS;
  let timedStart = 0;
  let timedEnd = 0;
  const inFlight = new Set<Promise<void>>();

  const send = (n: number) => {
    const d = delivery(n, t0);
    const started = performance.now();
    if (n === timedFrom) timedStart = started;
    const p = pool
      .request({
        method: "POST",
        path: `/api/tencent/callbacks/${receiver.token}?${d.path}`,
        headers: { "content-type": "application/json" },
        body: d.body,
      })
      .then(async (res) => {
        const ack = (await res.body.json()) as { ErrorCode?: number };
        if (res.statusCode !== 200 || ack.ErrorCode !== 0)
          throw new Error(`HTTP ${res.statusCode}`);
        const took = performance.now() - started;
        acked++;
        eventsAcked += d.events;
        if (n >= timedFrom) {
          latencies.push(took);
          timedEnd = Math.max(timedEnd, performance.now());
        }
      })
      .catch(() => void failures++)
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };

  const start = performance.now();
  const cpu0 = process.cpuUsage();
  const childCpu0 = procCpu(receiver.child.pid!);
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * RATE));
    while (sent < due) send(sent++);
    await new Promise((r) => setTimeout(r, TICK_MS));
  }
  while (inFlight.size > 0) await Promise.all([...inFlight]);
  const cpu = process.cpuUsage(cpu0);
  const wall = (performance.now() - start) / 1000;
  const childCpu = procCpu(receiver.child.pid!) - childCpu0;
  const perDelivery = (seconds: number) => Math.round((seconds * 1e6) / sent) / 1000;
  await pool.close();

  const exited = new Promise((ok) => receiver.child.once("exit", ok));
  receiver.child.kill("SIGTERM");
  await exited;
  const eventsStored = await count();
  const timed = latencies.sort((a, b) => a - b);
  const timedAcked = timed.length;
  const ackedPerSecond = Math.round(timedAcked / ((timedEnd - timedStart) / 1000));
  const p99 = percentile(timed, 99);
  return {
    database,
    rate: RATE,
    seconds: SECONDS,
    sent,
    acked,
    ackedPerSecond,
    p50: percentile(timed, 50),
    p99,
    max: percentile(timed, 100),
    eventsStored,
    eventsAcked,
    receiverCpuMs: perDelivery(childCpu),
    generatorCpuMs: perDelivery((cpu.user + cpu.system) / 1e6),
    wallSeconds: Math.round(wall * 10) / 10,
    pass:
      failures === 0 &&
      acked === sent &&
      ackedPerSecond >= 2000 &&
      p99 <= TARGET_P99_MS &&
      eventsStored === eventsAcked,
  };
}

async function postgresTarget(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = testDatabaseUrl();
  const name = `cc_bench_cb_${randomBytes(4).toString("hex")}`;
  const c = new Client({ connectionString: admin });
  await c.connect();
  await c.query(`create database ${name}`);
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const d = new Client({ connectionString: admin });
      await d.connect();
      await d.query(`drop database if exists ${name} with (force)`);
      await d.end();
    },
  };
}

const results: Result[] = [];
for (const name of ["pglite", "postgres"].filter((n) => WANTED.includes(n))) {
  if (name === "pglite") {
    const dir = await mkdtemp(path.join(tmpdir(), "cc-bench-callbacks-"));
    try {
      results.push(
        await run(name, dir, async () => {
          // Opened only once the receiver has gone: PGlite has one owner per directory.
          const h = await openDatabase({ dataDir: dir });
          const n = rowsOf<{ n: number }>(
            await h.db.execute(sql`select count(*)::int as n from call_events`),
          )[0]!.n;
          await h.close();
          return n;
        }),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  } else {
    const pg = await postgresTarget();
    try {
      results.push(
        await run(name, pg.url, async () => {
          const c = new Client({ connectionString: pg.url });
          await c.connect();
          const r = await c.query<{ n: number }>("select count(*)::int as n from call_events");
          await c.end();
          return r.rows[0]!.n;
        }),
      );
    } finally {
      await pg.drop();
    }
  }
  const r = results.at(-1)!;
  console.log(
    `${r.database}: CPU per delivery: receiver ${r.receiverCpuMs} ms, load generator ${r.generatorCpuMs} ms (machine load ${loadavg()[0]!.toFixed(1)})`,
  );
  console.log(
    `${r.database}: ${r.acked}/${r.sent} acknowledged; ${r.ackedPerSecond}/s over ${r.seconds} s at ${r.rate}/s offered; ` +
      `ack p50 ${r.p50} ms, p99 ${r.p99} ms, max ${r.max} ms; events stored ${r.eventsStored} of ${r.eventsAcked} acknowledged — ${r.pass ? "PASS" : "FAIL"}`,
  );
}
console.log(JSON.stringify({ callbacks: results }, null, 2));
process.exit(results.every((r) => r.pass) ? 0 : 1);
