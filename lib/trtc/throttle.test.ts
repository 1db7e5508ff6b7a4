import { describe, expect, it } from "vitest";

import { DOCUMENTED_LIMITS, LimiterRegistry, limitFor, PermitLimiter } from "./throttle";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Node schedules timers from the event loop's cached clock, so one may fire a millisecond or so
// early by performance.now(). Production windows carry a margin (MARGIN_MS in throttle.ts); these
// tests use bare windows and allow for it here.
const TIMER_SLACK_MS = 3;

describe("PermitLimiter", () => {
  it("lets `limit` requests through at once; the next waits until a window after one finished", async () => {
    const limiter = new PermitLimiter(2, 60);
    const a = await limiter.acquire();
    const b = await limiter.acquire();
    expect(a && b).toBeTruthy();
    let thirdAt = 0;
    const third = limiter.acquire().then((r) => {
      thirdAt = performance.now();
      return r;
    });
    await sleep(30);
    expect(limiter.queued).toBe(1);
    const finished = performance.now();
    a!();
    expect(await third).toBeTruthy();
    expect(thirdAt - finished).toBeGreaterThanOrEqual(60 - TIMER_SLACK_MS);
  });

  it("keeps every window to `limit` requests, counted from when each one finished", async () => {
    const limiter = new PermitLimiter(3, 40);
    const log: { start: number; end: number }[] = [];
    await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const release = await limiter.acquire();
        const start = performance.now();
        await sleep(i % 3 === 0 ? 15 : 1); // uneven "latency"
        log.push({ start, end: performance.now() });
        release!();
      }),
    );
    expect(log).toHaveLength(12);
    // Any request that reused a permit began at least a window after the previous holder ended;
    // so no 40 ms window holds more than 3 starts.
    const starts = log.map((l) => l.start).sort((x, y) => x - y);
    for (const s of starts)
      expect(starts.filter((t) => t >= s && t < s + 38).length).toBeLessThanOrEqual(3);
  });

  it("counts the window from when the answer began to arrive, not from the release", async () => {
    const limiter = new PermitLimiter(1, 100);
    const held = await limiter.acquire();
    const answeredAt = performance.now();
    await sleep(300); // reading and parsing the body, longer than the window
    const next = limiter.acquire().then(() => performance.now());
    held!(answeredAt);
    const grantedAt = await next;
    // The window had passed by the release, so the permit came back at once (not 100 ms later).
    expect(grantedAt - answeredAt).toBeGreaterThanOrEqual(300 - TIMER_SLACK_MS);
    expect(grantedAt - answeredAt).toBeLessThan(380);

    // Released at once, the permit still waits out the window from the answer.
    const fresh = new PermitLimiter(1, 100);
    const again = await fresh.acquire();
    const answeredAgain = performance.now();
    const after = fresh.acquire().then(() => performance.now());
    again!(answeredAgain);
    expect((await after) - answeredAgain).toBeGreaterThanOrEqual(100 - TIMER_SLACK_MS);
  });

  it("serves waiters in order", async () => {
    const limiter = new PermitLimiter(1, 10);
    const first = await limiter.acquire();
    const order: number[] = [];
    const waits = [1, 2, 3].map((n) => limiter.acquire().then((r) => (order.push(n), r!())));
    first!();
    await Promise.all(waits);
    expect(order).toEqual([1, 2, 3]);
  });

  it("refuses at once when the queue cannot be served before the deadline, and times out waiters", async () => {
    const limiter = new PermitLimiter(1, 200);
    const held = await limiter.acquire();
    expect(await limiter.acquire(100)).toBeNull();
    expect(limiter.queued).toBe(0);
    const waiting = limiter.acquire(250);
    expect(limiter.queued).toBe(1);
    // The holder never releases: the waiter gives up at its deadline and leaves the queue.
    expect(await waiting).toBeNull();
    expect(limiter.queued).toBe(0);
    held!();
  });

  it("ignores a second release of the same permit", async () => {
    const limiter = new PermitLimiter(1, 5);
    const r = await limiter.acquire();
    r!();
    r!();
    await sleep(20);
    expect(await limiter.acquire()).toBeTruthy();
    expect(await limiter.acquire(1)).toBeNull();
  });
});

describe("PermitLimiter.setLimit", () => {
  it("lowers as permits come back: none is granted until fewer than the new limit are held", async () => {
    const limiter = new PermitLimiter(3, 40);
    const held = [await limiter.acquire(), await limiter.acquire(), await limiter.acquire()];
    limiter.setLimit(1);
    let granted = false;
    const next = limiter.acquire().then((r) => ((granted = true), r));
    held[0]!();
    held[1]!();
    await sleep(60);
    // Two came back, but three were held against a limit of one: still one too many.
    expect(granted).toBe(false);
    held[2]!();
    expect(await next).toBeTruthy();
  });

  it("a limit of 0 queues requests until a share arrives, instead of refusing them", async () => {
    const limiter = new PermitLimiter(0, 40);
    const waiting = limiter.acquire(1_000);
    await sleep(20);
    expect(limiter.queued).toBe(1);
    limiter.setLimit(2);
    expect(await waiting).toBeTruthy();
    expect(await limiter.acquire(0)).toBeTruthy();
    expect(await limiter.acquire(0)).toBeNull();
  });
});

describe("LimiterRegistry", () => {
  it("runs every limiter at the instance's fraction of its app-wide limit, rounded down", () => {
    const registry = new LimiterRegistry();
    const byId = registry.limiterFor("emu|1", "v1", "/v1/records/get_record_by_callId", 20);
    const callback = registry.limiterFor("emu|1", "v1", "/v1/callback/get", 10);
    expect([byId.limit, callback.limit]).toEqual([20, 10]);
    registry.setFraction(0.3);
    expect([byId.limit, callback.limit]).toEqual([6, 3]);
    // One created later starts at the current fraction.
    expect(registry.limiterFor("emu|1", "v4", "/v4/x", 200).limit).toBe(60);
    registry.setFraction(0.1);
    expect([byId.limit, callback.limit]).toEqual([2, 1]);
  });
});

describe("limitFor", () => {
  it("uses the documented per-endpoint limits", () => {
    expect(limitFor("v1", "/v1/records/get_record_by_callId")).toBe(20);
    expect(limitFor("v1", "/v1/records/get_records_by_filter")).toBe(200);
    expect(limitFor("v1", "/v1/callback/get")).toBe(10);
    expect(limitFor("v4", "/v4/call_engine_http_srv/get_call_info")).toBe(200);
    expect(Object.keys(DOCUMENTED_LIMITS)).toHaveLength(6);
  });
  it("lets configuration override one endpoint", () => {
    expect(limitFor("v4", "/v4/x", { "v4:/v4/x": 5 })).toBe(5);
  });
});
