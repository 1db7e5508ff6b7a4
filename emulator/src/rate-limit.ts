// Per (SDKAppID, API) rate limits at Tencent's documented per-second figures. Tencent does not say
// how it counts, so two readings are offered:
// - "sliding-window" (default): never more than N accepted requests in any 1-second window. The
//   strictest reading, so a client that passes it stays within Tencent's limit however Tencent
//   counts.
// - "token-bucket": a bucket of N tokens refilled at N/s; allows a burst of N plus the refill, so up
//   to ~2N within one sliding second.

export type RateLimitAlgorithm = "sliding-window" | "token-bucket";

type Window = { times: Float64Array; next: number };
type Bucket = { tokens: number; last: number };

export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly buckets = new Map<string, Bucket>();

  constructor(public algorithm: RateLimitAlgorithm = "sliding-window") {}

  take(key: string, perSecond: number, nowMs: number): boolean {
    return this.algorithm === "sliding-window"
      ? this.window(key, perSecond, nowMs)
      : this.bucket(key, perSecond, nowMs);
  }

  private window(key: string, perSecond: number, nowMs: number): boolean {
    let w = this.windows.get(key);
    if (!w) {
      w = { times: new Float64Array(perSecond).fill(-Infinity), next: 0 };
      this.windows.set(key, w);
    }
    // `times` holds the last N accepted requests, oldest at `next`.
    const oldest = w.times[w.next]!;
    if (oldest > nowMs + 1000)
      w.times.fill(-Infinity); // the clock was moved back: start afresh
    else if (nowMs - oldest < 1000) return false;
    w.times[w.next] = nowMs;
    w.next = (w.next + 1) % perSecond;
    return true;
  }

  private bucket(key: string, perSecond: number, nowMs: number): boolean {
    let b = this.buckets.get(key);
    if (!b) {
      b = { tokens: perSecond, last: nowMs };
      this.buckets.set(key, b);
    }
    // A clock moved backwards refills nothing rather than going negative.
    const elapsed = Math.max(0, nowMs - b.last);
    b.tokens = Math.min(perSecond, b.tokens + (elapsed * perSecond) / 1000);
    b.last = nowMs;
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  clear(): void {
    this.windows.clear();
    this.buckets.clear();
  }
}
