// How instances on one PostgreSQL split Tencent's per-app rate limits. Each holds a lease row
// claiming a fraction of every limit; a fraction is only ever raised into room nobody else
// claims, so the claims never add up to more than the whole limit, even while instances join.

export type LeaseClaim = {
  instanceId: string;
  fraction: number;
  previousFraction: number;
  changedAtMs: number;
  expiresAtMs: number;
};

/** With several instances, their targets leave this much of each limit for a newcomer's start. */
export const NEWCOMER_HEADROOM = 0.1;

/**
 * What a lease holds back now. A lowered fraction still counts for `graceMs` after the change:
 * its owner applies it only after its write, and requests sent at the old rate stay in Tencent's
 * one-second window a while longer. An expired lease counts nothing (its owner has stopped).
 */
export function claimOf(lease: LeaseClaim, nowMs: number, graceMs: number): number {
  if (lease.expiresAtMs <= nowMs) return 0;
  return nowMs - lease.changedAtMs < graceMs
    ? Math.max(lease.fraction, lease.previousFraction)
    : lease.fraction;
}

export type Allocation = { fraction: number; target: number; instances: number };

/** This instance's fraction, given the other instances' leases (read under the allocation lock). */
export function allocate(others: LeaseClaim[], nowMs: number, graceMs: number): Allocation {
  const live = others.filter((l) => l.expiresAtMs > nowMs);
  const instances = live.length + 1;
  // Alone, an instance takes the whole limit; a second one then waits for it to make room.
  const target = instances === 1 ? 1 : (1 - NEWCOMER_HEADROOM) / instances;
  const claimed = live.reduce((sum, l) => sum + claimOf(l, nowMs, graceMs), 0);
  const fraction = Math.max(0, Math.min(target, 1 - claimed));
  return { fraction, target, instances };
}

/**
 * The lease row to write. A change restarts the grace with everything still held back (a second
 * lowering inside the grace must not forget the first one's larger claim).
 */
export function renewedClaim(
  mine: LeaseClaim | undefined,
  fraction: number,
  nowMs: number,
  graceMs: number,
): Pick<LeaseClaim, "fraction" | "previousFraction" | "changedAtMs"> {
  if (mine && mine.expiresAtMs > nowMs && mine.fraction === fraction) {
    return { fraction, previousFraction: mine.previousFraction, changedAtMs: mine.changedAtMs };
  }
  const held = mine ? claimOf(mine, nowMs, graceMs) : 0;
  return { fraction, previousFraction: held, changedAtMs: nowMs };
}
