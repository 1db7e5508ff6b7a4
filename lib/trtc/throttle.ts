import "server-only";

import type { Generation } from "@/lib/calls/types";

import { TrtcError } from "./errors";

// A permit is held until a window after its answer began to arrive, so requests on one permit
// reach Tencent a window apart despite network jitter. Waiters are served in arrival order.

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

// Timers may fire a little early and clocks tick in whole milliseconds.
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

  /** `null` at once if the queue clearly cannot clear within `maxWaitMs`, or when that runs out. */
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

// On globalThis: Next.js may load this module in several bundles, and the limit is per process.
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

// Also keyed by base URL and SDKAppID: Tencent's limits are presumably per app, and tests run
// several emulators at once.
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

// THROTTLED when no permit comes before the deadline: a burst over the limit fails fast, not hung.
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
