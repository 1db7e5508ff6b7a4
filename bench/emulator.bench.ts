// Emulator benchmark: throughput of get_record_by_filter pages of 100 records (rate limiting off)
// and memory with 1,000,000 generated calls. The emulator runs as its own process (as with
// `npm run emulator`) so the load generator does not share its event loop.
//
// Targets (issue 2): ≥ 2,000 requests/s; ≤ 1 GB with 1,000,000 calls.
// Knobs: BENCH_SECONDS (default 5), BENCH_CONNECTIONS (default 16).
import { createRequire } from "node:module";
import os from "node:os";

import { runLoad, type LoadResult } from "./emulator-load";
import { startEmulatorProcess, stopEmulatorProcess } from "./emulator-process";
import { EMULATOR_DEFAULTS } from "../emulator/src/defaults";

const require = createRequire(import.meta.url);
const TLSSigAPIv2 = require("tls-sig-api-v2") as {
  Api: new (
    sdkappid: number,
    key: string,
  ) => { genSig(identifier: string, expire: number): string };
};

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);

type Stats = { calls: number; rssBytes: number; cpuMicros: number };
async function stats(url: string): Promise<Stats> {
  return (await (await fetch(`${url}/__emulator/stats`)).json()) as Stats;
}

/** get_record_by_filter, random pages of 100 records across the whole 7-day window. */
async function throughput(url: string, seconds: number): Promise<LoadResult> {
  const sig = new TLSSigAPIv2.Api(EMULATOR_DEFAULTS.sdkAppId, EMULATOR_DEFAULTS.secretKey).genSig(
    "administrator",
    86_400,
  );
  const query = `sdkappid=${EMULATOR_DEFAULTS.sdkAppId}&identifier=administrator&usersig=${sig}&contenttype=json`;
  const path = "/v4/call_record_http_srv/get_record_by_filter";
  const first = (await (
    await fetch(`${url}${path}?${query}&random=1`, {
      method: "POST",
      body: '{"NumberPerPage":100}',
    })
  ).json()) as { Response: { TotalNum: number } };
  const pages = Math.max(1, Math.floor(first.Response.TotalNum / 100));
  return runLoad({
    url,
    connections: CONNECTIONS,
    seconds,
    warmupSeconds: 1,
    next: () => ({
      path: `${path}?${query}&random=${Math.floor(Math.random() * 4294967295)}`,
      body: `{"NumberPerPage":100,"Page":${1 + Math.floor(Math.random() * pages)}}`,
    }),
    check: (b) =>
      (b as { Response?: { CallRecordList?: unknown[] } }).Response?.CallRecordList?.length === 100,
  });
}

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MiB`;
let failed = false;

// The default data set (`npm run emulator`), a large one, and the 1,000,000-call memory target.
for (const calls of [EMULATOR_DEFAULTS.calls, 100_000, 1_000_000]) {
  const emu = await startEmulatorProcess({
    EMULATOR_CALLS: String(calls),
    EMULATOR_RATE_LIMIT: "false",
  });
  try {
    const s = await stats(emu.url);
    const t = await throughput(emu.url, SECONDS);
    const after = await stats(emu.url);
    // Server CPU per request: what the emulator itself costs, whatever else shares the machine.
    const cpuPerRequest = (after.cpuMicros - s.cpuMicros) / Math.max(1, t.all);
    const rpsOk = t.rps >= 2000;
    const memOk = s.rssBytes <= 1024 ** 3;
    console.log(
      [
        `emulator with ${s.calls.toLocaleString("en")} calls (started in ${(emu.startupMs / 1000).toFixed(1)} s incl. tsx)`,
        `  memory (RSS after generation): ${mb(s.rssBytes)}${calls === 1_000_000 ? `  [target ≤ 1024 MiB: ${memOk ? "met" : "NOT MET"}]` : ""}`,
        `  get_record_by_filter, 100 records/page, ${CONNECTIONS} connections, ${SECONDS} s: ` +
          `${t.rps.toFixed(0)} req/s  (p50 ${t.p50.toFixed(1)} ms, p99 ${t.p99.toFixed(1)} ms, ${t.total} requests, ${t.errors} errors)` +
          `  [target ≥ 2000 req/s: ${rpsOk ? "met" : "NOT MET"}]`,
        `  emulator CPU per request: ${(cpuPerRequest / 1000).toFixed(3)} ms → capacity ≈ ${(1e6 / cpuPerRequest).toFixed(0)} req/s per core` +
          ` (load generator shares the ${os.cpus().length} cores; 1-min load average ${os.loadavg()[0]!.toFixed(1)})`,
        `  memory after load: ${mb(after.rssBytes)}`,
      ].join("\n"),
    );
    if (t.errors > 0) failed = true;
  } finally {
    await stopEmulatorProcess(emu);
  }
}
process.exit(failed ? 1 : 0);
