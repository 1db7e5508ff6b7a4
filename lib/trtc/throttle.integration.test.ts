import { describe, expect, it } from "vitest";

import { V1_RECORD_BY_ID } from "./records";
import { clientFor, sharedEmulator, upstreamLines, type LogLine } from "./testing";

// Client-side throttling against the emulator with Tencent's rate limits switched on: a burst
// larger than an endpoint's documented limit is spread out instead of being refused upstream.

const emu = sharedEmulator({ rateLimit: true, reset: false });

/** Start times (ms) of the attempts, from each log line's end time minus its latency. */
const starts = (lines: LogLine[]) =>
  upstreamLines(lines).map((l) => (l.time as number) - (l.latencyMs as number));
function busiestSecond(times: number[]): number {
  return Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length));
}

describe("throttle", () => {
  it("spreads a burst over two clients of one process at v1's 20/s record limit, and Tencent refuses none", async () => {
    // Two clients stand for a page handler and the record-index sync: the limit is per process.
    const handler = clientFor(emu, { recordsApi: "v1" });
    const sync = clientFor(emu, { recordsApi: "v1" });
    const started = performance.now();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => (i % 2 ? handler : sync).client.getRecord(`burst-${i}`)),
    );
    const elapsed = performance.now() - started;
    expect(results.every((r) => r.record === null)).toBe(true);
    const lines = [...handler.log.lines, ...sync.log.lines];
    // Also the few requests that learn v1's not-found code (v1-not-found.ts) go through the limit.
    expect(upstreamLines(lines).filter((l) => l.code !== 70001 && l.code !== 0)).toEqual([]);
    expect(upstreamLines(lines, "getRecord")).toHaveLength(50);
    // 20 at once, 20 a second later, 10 a second after that.
    expect(elapsed).toBeGreaterThan(2000);
    const byId = upstreamLines(lines).filter((l) => l.path === V1_RECORD_BY_ID);
    expect(busiestSecond(starts(byId))).toBeLessThanOrEqual(20);
  });

  it("fails fast with THROTTLED when no slot is free before the deadline", async () => {
    const { client, log } = clientFor(emu, {}, { deadlineMs: 400 });
    const started = performance.now();
    const settled = await Promise.allSettled(
      Array.from({ length: 15 }, () => client.getCallbackConfig("v1")),
    );
    const refused = settled.filter((s) => s.status === "rejected");
    expect(settled.filter((s) => s.status === "fulfilled")).toHaveLength(10);
    expect(refused).toHaveLength(5);
    for (const r of refused) {
      expect(r.reason).toMatchObject({
        code: "THROTTLED",
        generation: "v1",
        rateLimited: true,
      });
    }
    expect(performance.now() - started).toBeLessThan(400);
    expect(upstreamLines(log.lines).filter((l) => l.code === 70005)).toEqual([]);
  });
});
