// Fleet benchmark (issue 26): three console instances, each its own process with its own pool, on
// one PostgreSQL and one Tencent app (the emulator in its own process, Tencent's limits on).
//
// 1. A burst of lookups of calls the record index does not hold: each asks v1's by-ID API, 20/s
//    for the whole app, so the fleet is capped near 18 lookups/s (90% of it, split three ways).
// 2. A sync pass, then the same burst again: the index holds every v1 copy, so no lookup asks v1.
//
// Reports lookups/s for both and the requests Tencent refused (target: none, and the indexed
// burst faster than v1's cap). Knobs: BENCH_LOOKUPS (per instance, default 60), BENCH_CALLS
// (default 2000), TEST_DATABASE_URL (a throw-away database is created and dropped).
import { spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

// lib/ modules import "server-only", a no-op only under the react-server condition.
if (
  !process.execArgv.some((a) => a.includes("react-server")) &&
  process.env.FLEET_BENCH_CHILD !== "1"
) {
  const r = spawnSync(
    path.join(root, "node_modules/.bin/tsx"),
    ["--conditions=react-server", import.meta.filename],
    { stdio: "inherit", env: { ...process.env, FLEET_BENCH_CHILD: "1" } },
  );
  process.exit(r.status ?? 1);
}

const { startEmulatorProcess, stopEmulatorProcess } = await import("./emulator-process");
const { createPostgresDatabase } = await import("../test/databases");
const { openDatabase } = await import("../lib/db/client");
const { startInstanceChild } = await import("../lib/fleet/fixtures/start-instance-child");

const LOOKUPS = Number(process.env.BENCH_LOOKUPS ?? 60);
const CALLS = Number(process.env.BENCH_CALLS ?? 2000);
const V1_BY_ID = "/v1/records/get_record_by_callId";

type Counts = { byPath: Record<string, { total: number }>; rateLimited: number };
type Snapshot = { callId: string; state: string; recordVisible: boolean; generations: string[] };

const emulator = await startEmulatorProcess({
  EMULATOR_CALLS: String(CALLS),
  EMULATOR_RATE_LIMIT: "true",
});
const db = await createPostgresDatabase();
const control = async (method: string, route: string) =>
  (await fetch(`${emulator.url}/__emulator/${route}`, { method })).json() as Promise<unknown>;
let failed = false;
const instances: Awaited<ReturnType<typeof startInstanceChild>>[] = [];
try {
  await (await openDatabase({ databaseUrl: db.url })).close(); // migrated once, before the fleet
  const { calls } = (await control("GET", "calls?limit=10000")) as { calls: Snapshot[] };
  const ids = calls
    .filter((c) => c.state === "ended" && c.recordVisible && c.generations.length === 2)
    .slice(0, LOOKUPS * 3)
    .map((c) => c.callId);
  const options = { db: db.url, emulatorUrl: emulator.url, periodMs: 5_000, ttlMs: 15_000 };
  instances.push(...(await Promise.all([1, 2, 3].map(() => startInstanceChild(options)))));
  // Let the shares settle, so the figures are the steady state and not the start.
  await new Promise((resolve) => setTimeout(resolve, 8_000));

  async function burst(label: string) {
    await control("DELETE", "requests");
    const started = performance.now();
    const served = await Promise.all(
      instances.map((i, n) =>
        i.send<Record<string, number>>({
          op: "lookups",
          callIds: ids.slice(n * LOOKUPS, (n + 1) * LOOKUPS),
        }),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    const counts = (await control("GET", "requests")) as Counts;
    const found = served.reduce((sum, s) => sum + (s.found ?? 0), 0);
    const v1 = counts.byPath[V1_BY_ID]?.total ?? 0;
    console.log(
      `${label}: ${found}/${ids.length} found in ${seconds.toFixed(2)} s = ` +
        `${(ids.length / seconds).toFixed(1)} lookups/s; v1 by-ID requests ${v1}; ` +
        `refused by Tencent ${counts.rateLimited}`,
    );
    if (counts.rateLimited > 0 || found !== ids.length) failed = true;
    return ids.length / seconds;
  }

  await burst("not indexed (every lookup asks v1)");
  const synced = await instances[0]!.send<{ written: number }>({ op: "sync" });
  console.log(`sync pass: ${synced.written} calls indexed`);
  const indexedRate = await burst("indexed (v1 copies from the index)");
  if (indexedRate <= 20) failed = true;
  console.log(
    `target: Tencent refuses nothing; indexed lookups faster than v1's 20/s → ${failed ? "FAIL" : "PASS"}`,
  );
} finally {
  await Promise.all(instances.map((i) => i.stop()));
  await db.drop();
  await stopEmulatorProcess(emulator);
}
process.exit(failed ? 1 : 0);
