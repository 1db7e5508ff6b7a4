import { describe, expect, it } from "vitest";

import { allocate, claimOf, renewedClaim, type LeaseClaim } from "./share";

const NOW = 1_000_000;
const GRACE = 2_500;
const lease = (fraction: number, extra: Partial<LeaseClaim> = {}): LeaseClaim => ({
  instanceId: Math.random().toString(36),
  fraction,
  previousFraction: 0,
  changedAtMs: NOW - 60_000,
  expiresAtMs: NOW + 10_000,
  ...extra,
});
const V1_BY_ID = 20;

describe("allocate", () => {
  it("alone, an instance takes the whole limit", () => {
    expect(allocate([], NOW, GRACE)).toEqual({ fraction: 1, target: 1, instances: 1 });
  });

  it("a newcomer beside one full instance waits for room; that instance then lowers to its share", () => {
    const solo = lease(1);
    const newcomer = allocate([solo], NOW, GRACE);
    expect(newcomer).toMatchObject({ fraction: 0, instances: 2 });
    const lowered = allocate([lease(0, { instanceId: "newcomer" })], NOW, GRACE);
    expect(lowered.fraction).toBeCloseTo(0.45);
    // Its old claim still counts for the grace period; afterwards the newcomer takes its share.
    const justChanged = lease(0.45, { previousFraction: 1, changedAtMs: NOW - 100 });
    expect(allocate([justChanged], NOW, GRACE).fraction).toBe(0);
    const settled = lease(0.45, { previousFraction: 1, changedAtMs: NOW - GRACE });
    expect(allocate([settled], NOW, GRACE).fraction).toBeCloseTo(0.45);
  });

  it("a third instance starts at once on the headroom the other two leave", () => {
    const a = allocate([lease(0.45), lease(0.45)], NOW, GRACE);
    expect(a.instances).toBe(3);
    expect(a.target).toBeCloseTo(0.3);
    expect(Math.floor(V1_BY_ID * a.fraction + 1e-9)).toBe(2);
  });

  it("never lets the claims of a fleet add up to more than the whole limit, whatever the order of renewals", () => {
    // Five instances renewing in a random order, joining over time, some leaving: at every step
    // the sum of what each may send (with lowered claims counted through their grace) stays <= 1.
    let seed = 7;
    const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const leases = new Map<string, LeaseClaim>();
    for (let step = 0, now = NOW; step < 2_000; step++, now += 100 + Math.floor(rand() * 900)) {
      const id = `i${Math.floor(rand() * 5)}`;
      if (rand() < 0.05) {
        leases.delete(id); // left, after its requests left the window
        continue;
      }
      const others = [...leases.values()].filter((l) => l.instanceId !== id);
      const next = allocate(others, now, GRACE).fraction;
      const row = renewedClaim(leases.get(id), next, now, GRACE);
      leases.set(id, { instanceId: id, ...row, expiresAtMs: now + 15_000 });
      const total = [...leases.values()].reduce((sum, l) => sum + claimOf(l, now, GRACE), 0);
      expect(total).toBeLessThanOrEqual(1 + 1e-9);
    }
    // Once nobody joins or leaves, every instance reaches its share within a few renewals.
    let now = NOW + 10_000_000;
    for (let round = 0; round < 4; round++, now += GRACE) {
      for (const id of [...leases.keys()]) {
        const others = [...leases.values()].filter((l) => l.instanceId !== id);
        const row = renewedClaim(leases.get(id), allocate(others, now, GRACE).fraction, now, GRACE);
        leases.set(id, { instanceId: id, ...row, expiresAtMs: now + 15_000 });
      }
    }
    const target = leases.size === 1 ? 1 : 0.9 / leases.size;
    for (const l of leases.values()) expect(l.fraction).toBeCloseTo(target);
  });

  it("ignores expired leases: their owners stopped sending before they lapsed", () => {
    const gone = lease(0.45, { expiresAtMs: NOW - 1 });
    expect(allocate([gone, lease(0.45)], NOW, GRACE)).toMatchObject({ instances: 2 });
    expect(claimOf(gone, NOW, GRACE)).toBe(0);
  });
});
