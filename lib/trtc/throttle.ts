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
    private current: number,
    private readonly windowMs = WINDOW_MS + MARGIN_MS,
  ) {
    this.free = current;
  }

  get limit(): number {
    return this.current;
  }

  /** A lower limit applies as permits come back (`free` may go negative); a higher one at once. */
  setLimit(limit: number): void {
    this.free += limit - this.current;
    this.current = limit;
    this.drain();
  }

  /** `null` at once if the queue clearly cannot clear within `maxWaitMs`, or when that runs out. */
  acquire(maxWaitMs = Infinity): Promise<Release | null> {
    if (this.free > 0 && this.waiters.length === 0) {
      this.free--;
      return Promise.resolve(this.releaser());
    }
    // A limit of 0 is a fleet share not granted yet (fleet-share.ts): wait for it, do not refuse.
    if (this.current > 0) {
      const rounds = Math.floor(this.waiters.length / this.current) + 1;
      if (rounds * this.windowMs > maxWaitMs) return Promise.resolve(null);
    }
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

  private drain(): void {
    while (this.free > 0 && this.waiters.length > 0) {
      this.free--;
      this.waiters.shift()!.grant();
    }
  }

  private releaser(): Release {
    let released = false;
    return (answeredAt) => {
      if (released) return;
      released = true;
      const from = Math.min(answeredAt ?? Infinity, performance.now());
      setTimeout(
        () => {
          this.free++;
          this.drain();
        },
        Math.max(0, from + this.windowMs - performance.now()),
      );
    };
  }
}

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

/** This instance's part of a per-app limit: rounded down, so the fleet's parts never add up to more. */
export const shareOf = (limit: number, fraction: number): number =>
  Math.floor(limit * fraction + 1e-9);

/**
 * The limiters of one process, keyed by base URL, SDKAppID and endpoint (Tencent's limits are
 * presumably per app, and tests run several emulators at once). Each runs at `fraction` of its
 * app-wide limit: 1 alone, this instance's fleet share when several share one app (fleet-share.ts).
 */
export class LimiterRegistry {
  private readonly limiters = new Map<string, { limiter: PermitLimiter; appLimit: number }>();
  private current = 1;

  get fraction(): number {
    return this.current;
  }

  setFraction(fraction: number): void {
    if (fraction === this.current) return;
    this.current = fraction;
    for (const { limiter, appLimit } of this.limiters.values())
      limiter.setLimit(shareOf(appLimit, fraction));
  }

  limiterFor(scope: string, generation: Generation, path: string, appLimit: number): PermitLimiter {
    const key = `${scope}|${generation}:${path}|${appLimit}`;
    let entry = this.limiters.get(key);
    if (!entry) {
      entry = { limiter: new PermitLimiter(shareOf(appLimit, this.current)), appLimit };
      this.limiters.set(key, entry);
    }
    return entry.limiter;
  }
}

// On globalThis: Next.js may load this module in several bundles, and the limit is per process.
const REGISTRY = Symbol.for("call-console.trtc.limiters");
export function processLimiters(): LimiterRegistry {
  const g = globalThis as Record<symbol, LimiterRegistry | undefined>;
  return (g[REGISTRY] ??= new LimiterRegistry());
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
