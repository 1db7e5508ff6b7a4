// Splits one per-app request budget between the staff using it. Each session refills at
// budget / (sessions active lately), so a script on one session is refused its excess at once
// instead of queueing ahead of everyone else at the shared throttle.

export type ShareDecision =
  | { ok: true }
  | { ok: false; retryAfterSeconds: number; sharePerSecond: number; activeSessions: number };

type Bucket = { tokens: number; updatedAt: number; lastSeenAt: number };

export type FairShareOptions = {
  /** Requests per second for the whole app. */
  budgetPerSecond: number;
  /** A session counts as active this long after its last request. */
  activeWindowMs?: number;
  /** Requests a session may send at once before its rate applies. */
  burst?: number;
};

export class FairShare {
  private readonly buckets = new Map<string, Bucket>();
  private readonly activeWindowMs: number;
  private readonly burst: number;

  constructor(private readonly options: FairShareOptions) {
    this.activeWindowMs = options.activeWindowMs ?? 10_000;
    this.burst = options.burst ?? 3;
  }

  take(session: string, now: number): ShareDecision {
    this.forgetIdle(now);
    let bucket = this.buckets.get(session);
    if (!bucket) {
      bucket = { tokens: this.burst, updatedAt: now, lastSeenAt: now };
      this.buckets.set(session, bucket);
    }
    const active = this.buckets.size;
    const rate = this.options.budgetPerSecond / active;
    const capacity = Math.max(this.burst, rate);
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.updatedAt) / 1000) * rate);
    bucket.updatedAt = now;
    bucket.lastSeenAt = now;
    // Alone, a session starves no one: the shared throttle paces it.
    if (active === 1) return { ok: true };
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return {
      ok: false,
      retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / rate)),
      sharePerSecond: rate,
      activeSessions: active,
    };
  }

  private forgetIdle(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (now - bucket.lastSeenAt > this.activeWindowMs) this.buckets.delete(key);
    }
  }
}
