// Upstream-client benchmark (issue 3).
//
// 1. Added latency: 2,000 sequential get_call_info requests through the client versus 2,000 raw
//    undici requests (same keep-alive agent, pre-built URL and UserSig) to the same emulator,
//    interleaved so drift hits both alike. Target: at most 1 ms added at p50. The client's
//    throttle stays on with its limit raised out of the way (sequential requests here run far
//    faster than Tencent's 200/s, and waiting for the limiter is not "overhead"), and its log
//    lines are written to /dev/null, so their cost is counted.
// 2. Throttle: 1,000 concurrent record lookups (v4, 200/s) and 100 (v1, 20/s) against the
//    emulator with Tencent's rate limits on; reports the busiest one-second window and how many
//    requests the emulator refused (must be 0).
//
// The emulator runs in its own process so it does not share the client's event loop.
// Knobs: BENCH_REQUESTS (default 2000), BENCH_LOOKUPS (default 1000).
import { spawnSync } from "node:child_process";
import path from "node:path";

import { startEmulatorProcess, stopEmulatorProcess } from "./emulator-process";

const root = path.resolve(import.meta.dirname, "..");
const tsx = path.join(root, "node_modules/.bin/tsx");

// lib/ modules import "server-only", which only resolves to a no-op under the react-server
// condition; bench/run.ts starts us without it, so re-run this file with it.
if (
  !process.execArgv.some((a) => a.includes("react-server")) &&
  process.env.TRTC_BENCH_CHILD !== "1"
) {
  const r = spawnSync(tsx, ["--conditions=react-server", import.meta.filename], {
    stdio: "inherit",
    env: { ...process.env, TRTC_BENCH_CHILD: "1" },
  });
  process.exit(r.status ?? 1);
}

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const LOOKUPS = Number(process.env.BENCH_LOOKUPS ?? 1000);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  const [
    { default: pino },
    { Agent, request },
    { EMULATOR_DEFAULTS },
    { createTrtcClient },
    { generateUserSig },
  ] = await Promise.all([
    import("pino"),
    import("undici"),
    import("../emulator/src/defaults"),
    import("../lib/trtc/client"),
    import("../lib/trtc/usersig"),
  ]);
  const emu = await startEmulatorProcess({
    EMULATOR_CALLS: "2000",
    EMULATOR_RATE_LIMIT: "false",
    EMULATOR_RECORD_DELAY_MS: "0",
  });
  try {
    const control = async (method: string, p: string, body?: unknown) => {
      const res = await fetch(`${emu.url}/__emulator/${p}`, {
        method,
        headers: { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return (await res.json()) as Record<string, unknown>;
    };
    const config = {
      mode: "embedded" as const,
      sdkAppId: EMULATOR_DEFAULTS.sdkAppId,
      secretKey: EMULATOR_DEFAULTS.secretKey,
      identifier: "administrator",
      chatBaseUrl: emu.url,
      callkitBaseUrl: emu.url,
      recordsApi: "v4" as const,
    };
    const quiet = pino({ level: "info" }, pino.destination({ dest: "/dev/null", sync: true }));

    // ---- 1. added latency ----
    const agent = new Agent({
      connections: 64,
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 120_000,
    });
    const client = createTrtcClient(config, {
      logger: quiet,
      dispatcher: agent,
      rateLimits: { "v4:/v4/call_engine_http_srv/get_call_info": 1_000_000 },
    });
    const sig = generateUserSig({
      sdkAppId: config.sdkAppId,
      secretKey: config.secretKey,
      identifier: "administrator",
      expireSeconds: 86400,
    });
    const rawUrl = `${emu.url}/v4/call_engine_http_srv/get_call_info?sdkappid=${config.sdkAppId}&identifier=administrator&usersig=${encodeURIComponent(sig)}&random=12345&contenttype=json`;
    const body = JSON.stringify({ CallId: "bench-missing-call" });
    const raw = async () => {
      const res = await request(rawUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
        dispatcher: agent,
      });
      JSON.parse(await res.body.text());
    };
    const viaClient = async () => {
      await client.getCallInfo("bench-missing-call");
    };
    for (let i = 0; i < 300; i++) {
      await raw();
      await viaClient();
    }
    const rawMs: number[] = [];
    const clientMs: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      // Alternate which goes first so neither always gets the warmer connection.
      const pair =
        i % 2 === 0
          ? ([raw, rawMs, viaClient, clientMs] as const)
          : ([viaClient, clientMs, raw, rawMs] as const);
      let t = performance.now();
      await pair[0]();
      pair[1].push(performance.now() - t);
      t = performance.now();
      await pair[2]();
      pair[3].push(performance.now() - t);
    }
    rawMs.sort((a, b) => a - b);
    clientMs.sort((a, b) => a - b);
    const f = (n: number) => n.toFixed(3);
    const p50 = percentile(clientMs, 50) - percentile(rawMs, 50);
    const p99 = percentile(clientMs, 99) - percentile(rawMs, 99);
    console.log(
      `added latency over raw undici, ${REQUESTS} sequential get_call_info requests each:`,
    );
    console.log(
      `  raw fetch:  p50 ${f(percentile(rawMs, 50))} ms   p99 ${f(percentile(rawMs, 99))} ms`,
    );
    console.log(
      `  client:     p50 ${f(percentile(clientMs, 50))} ms   p99 ${f(percentile(clientMs, 99))} ms`,
    );
    console.log(
      `  added:      p50 ${f(p50)} ms   p99 ${f(p99)} ms   (target p50 ≤ 1 ms: ${p50 <= 1 ? "met" : "NOT met"})`,
    );

    // ---- 2. throttle under a burst ----
    const call = await control("POST", "calls", {
      caller: "alice",
      callees: ["bob"],
      generations: ["v1", "v4"],
    });
    const callId = String(call.callId);
    await control("POST", "faults", { rateLimit: true });
    let throttleOk = true;
    for (const [generation, count, limit] of [
      ["v4", LOOKUPS, 200],
      ["v1", Math.max(1, Math.round(LOOKUPS / 10)), 20],
    ] as const) {
      const lines: { time: number; latencyMs: number; code: unknown }[] = [];
      const logger = pino(
        { level: "info" },
        { write: (s: string) => void lines.push(JSON.parse(s) as (typeof lines)[number]) },
      );
      const burst = createTrtcClient(
        { ...config, recordsApi: generation },
        { logger, dispatcher: agent, deadlineMs: 120_000 },
      );
      const started = performance.now();
      const results = await Promise.allSettled(
        Array.from({ length: count }, () => burst.getRecord(callId)),
      );
      const elapsed = performance.now() - started;
      const attempts = lines.filter((l) => typeof l.latencyMs === "number");
      const starts = attempts.map((l) => l.time - l.latencyMs).sort((a, b) => a - b);
      let busiest = 0;
      for (let i = 0, j = 0; i < starts.length; i++) {
        while (starts[j]! < starts[i]! - 999) j++;
        busiest = Math.max(busiest, i - j + 1);
      }
      const refused = attempts.filter((l) => l.code === 60007 || l.code === 70005).length;
      const found = results.filter(
        (r) => r.status === "fulfilled" && r.value.record !== null,
      ).length;
      console.log(
        `${count} concurrent ${generation} record lookups (documented limit ${limit}/s): ${(elapsed / 1000).toFixed(2)} s, ` +
          `busiest 1-s window ${busiest} requests, refused by the emulator ${refused}, found ${found}/${count}`,
      );
      if (busiest > limit || refused > 0 || found !== count) throttleOk = false;
    }
    console.log(
      `throttle: ${throttleOk ? "never exceeded the per-second limit" : "LIMIT EXCEEDED or lookups failed"}`,
    );
    await agent.close();
    if (!throttleOk) process.exitCode = 1;
  } finally {
    await stopEmulatorProcess(emu);
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
