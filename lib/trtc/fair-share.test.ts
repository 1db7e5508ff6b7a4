import { describe, expect, it } from "vitest";

import { FairShare } from "./fair-share";

describe("FairShare", () => {
  it("never refuses a session that is alone, however fast it asks", () => {
    const share = new FairShare({ budgetPerSecond: 20 });
    for (let i = 0; i < 500; i++) expect(share.take("script", 1_000)).toEqual({ ok: true });
  });

  it("holds a busy session to its half of the budget while another session is active", () => {
    const share = new FairShare({ budgetPerSecond: 20, burst: 3 });
    expect(share.take("agent", 0).ok).toBe(true);
    let admitted = 0;
    let refusal: ReturnType<FairShare["take"]> | undefined;
    // 300 requests spread over one second from one script.
    for (let i = 0; i < 300; i++) {
      const d = share.take("script", Math.floor((i * 1000) / 300));
      if (d.ok) admitted++;
      else refusal ??= d;
    }
    // The burst, then 10 a second.
    expect(admitted).toBeGreaterThanOrEqual(10);
    expect(admitted).toBeLessThanOrEqual(14);
    expect(refusal).toMatchObject({ ok: false, activeSessions: 2, sharePerSecond: 10 });
    expect(refusal && !refusal.ok && refusal.retryAfterSeconds).toBe(1);
    // The agent still gets its share.
    expect(share.take("agent", 1_000).ok).toBe(true);
    expect(share.take("agent", 1_100).ok).toBe(true);
  });

  it("gives the whole budget back once the other session has been idle for the window", () => {
    const share = new FairShare({ budgetPerSecond: 20, activeWindowMs: 10_000, burst: 1 });
    share.take("agent", 0);
    share.take("script", 0);
    expect(share.take("script", 1).ok).toBe(false);
    expect(share.take("script", 10_500).ok).toBe(true);
    for (let i = 0; i < 50; i++) expect(share.take("script", 10_600).ok).toBe(true);
  });
});
