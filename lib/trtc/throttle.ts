import "server-only";

import type { Generation } from "@/lib/calls/types";

import { TrtcError } from "./errors";

// Client-side throttling at Tencent's documented per-endpoint limits, so that a burst from the
// console (a page of lookups, the record-index sync) never trips Tencent's own limiter.
//
// Algorithm: `limit` permits per endpoint. A request holds a permit from before it is sent until
// one window after its answer arrived (or it failed). Two requests that use the same permit
// therefore reach Tencent more than a window apart, whatever the network did to them in between,
// so any window holds at most `limit` arrivals at Tencent's end. (A limiter that only spaces the
// starts can be beaten by jitter: a slow first burst followed by a fast second one arrives
// bunched together.) The window counts from the moment the answer's headers came in, not from
// when its body has been read and parsed: Tencent had the request by then, and a busy process (a
// backfill parsing hundreds of pages a second) would otherwise stretch every permit's round by
// its own processing time. Waiters are served in arrival order.

/** Documented limits, requests per second (reference §3.3 and §4.3). */
export const DOCUMENTED_LIMITS: Record<string, number> = {
  "v1:/v1/records/get_record_by_callId": 20,
  "v1:/v1/records/get_records_by_filter": 200,
  "v1:/v1/callback/set": 10,
  "v1:/v1/callback/get": 10,
  "v1:/v1/callback/update": 10,
  "v1:/v1/callback/delete": 10,
};
const V4_DEFAULT_LIMIT = 200;
const V1_DEFAULT_LIMIT = 10;

// Timers may fire a millisecond early and clocks tick in whole milliseconds; a small margin keeps
// "a window apart" true at Tencent's end too.
const WINDOW_MS = 1000;
const MARGIN_MS = 15;

/** Gives the permit back; `answeredAt` (performance.now()) is when the answer began to arrive. */
export type Release = (answeredAt?: number) => void;

type Waiter = { grant: () => void; timer: NodeJS.Timeout | undefined };

export class PermitLimiter {
  private free: number;
  private readonly waiters: Waiter[] = [];

  constructor(
    readonly limit: number,
    private readonly windowMs = WINDOW_MS + MARGIN_MS,
  ) {
    this.free = limit;
  }

  /**
   * Waits for a permit. Resolves to `null` without queueing when the wait would clearly exceed
   * `maxWaitMs` (each full round of `limit` queued requests costs at least a window), and to
   * `null` if the permit has not come by then.
   */
  acquire(maxWaitMs = Infinity): Promise<Release | null> {
    if (this.free > 0 && this.waiters.length === 0) {
      this.free--;
      return Promise.resolve(this.releaser());
    }
    const rounds = Math.floor(this.waiters.length / this.limit) + 1;
    if (rounds * this.windowMs > maxWaitMs) return Promise.resolve(null);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        grant: () => {
          clearTimeout(waiter.timer);
          resolve(this.releaser());
        },
        timer: undefined,
      };
      if (Number.isFinite(maxWaitMs)) {
        waiter.timer = setTimeout(() => {
          const i = this.waiters.indexOf(waiter);
          if (i !== -1) this.waiters.splice(i, 1);
          resolve(null);
        }, maxWaitMs);
      }
      this.waiters.push(waiter);
    });
  }

  /** Requests waiting for a permit (for tests and diagnostics). */
  get queued(): number {
    return this.waiters.length;
  }

  private releaser(): Release {
    let released = false;
    return (answeredAt) => {
      if (released) return;
      released = true;
      const from = Math.min(answeredAt ?? Infinity, performance.now());
      setTimeout(
        () => {
          const next = this.waiters.shift();
          if (next) next.grant();
          else this.free++;
        },
        Math.max(0, from + this.windowMs - performance.now()),
      );
    };
  }
}

// On globalThis, not in module scope: Next.js may load this module more than once in one process
// (separate bundles for route handlers and the instrumentation hook that runs the record-index
// sync), and the limit has to hold for the process as a whole.
const REGISTRY = Symbol.for("call-console.trtc.throttle-registry");
const registry: Map<string, PermitLimiter> = ((globalThis as Record<symbol, unknown>)[REGISTRY] ??=
  new Map<string, PermitLimiter>()) as Map<string, PermitLimiter>;

export function limitFor(
  generation: Generation,
  path: string,
  overrides?: Record<string, number>,
): number {
  const key = `${generation}:${path}`;
  return (
    overrides?.[key] ??
    DOCUMENTED_LIMITS[key] ??
    (generation === "v4" ? V4_DEFAULT_LIMIT : V1_DEFAULT_LIMIT)
  );
}

/**
 * The process-wide limiter for one endpoint of one app. Keyed by base URL and SDKAppID as well,
 * because Tencent's limits are (presumably) per app and tests run several emulators at once.
 */
export function limiterFor(
  scope: string,
  generation: Generation,
  path: string,
  limit: number,
): PermitLimiter {
  const key = `${scope}|${generation}:${path}|${limit}`;
  let limiter = registry.get(key);
  if (!limiter) {
    limiter = new PermitLimiter(limit);
    registry.set(key, limiter);
  }
  return limiter;
}

/**
 * Waits for a permit, or fails with THROTTLED when none can be had before the caller's deadline,
 * so a burst larger than the limit turns into quick errors instead of hung requests.
 */
export async function acquirePermit(
  limiter: PermitLimiter,
  deadlineAt: number,
  context: { generation: Generation; operation: string },
): Promise<Release> {
  const release = await limiter.acquire(deadlineAt - performance.now());
  if (!release) {
    throw new TrtcError({
      ...context,
      code: "THROTTLED",
      message: "client-side rate limit: no free slot before the deadline",
    });
  }
  return release;
}
