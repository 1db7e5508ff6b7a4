import { describe, expect, it } from "vitest";

import { WEEK_MS } from "../src/call-store";
import { generateCalls } from "../src/generator";

// The generated data set: deterministic for a seed, spread over the week, and a realistic mix.

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
const make = (seed: number, calls = 20_000) =>
  generateCalls({ seed, calls, liveCalls: 3, clock: () => NOW, recordDelayMs: 5000 });

describe("generator", () => {
  it("is deterministic: same seed, same calls; another seed, other calls", () => {
    const a = make(1, 2000).list({ limit: 2000 }).calls;
    const b = make(1, 2000).list({ limit: 2000 }).calls;
    const c = make(2, 2000).list({ limit: 2000 }).calls;
    expect(a).toEqual(b);
    expect(c[0]!.callId).not.toBe(a[0]!.callId);
  });

  it("spreads calls over the 7 days before now, with 3 live at the end", () => {
    const store = make(3);
    const calls = store.list({ limit: 20_000 }).calls;
    expect(calls).toHaveLength(20_000);
    expect(calls[0]!.startedAt).toBeGreaterThanOrEqual(NOW - WEEK_MS);
    expect(calls.at(-1)!.startedAt).toBeLessThanOrEqual(NOW);
    const perDay = new Array(7).fill(0);
    for (const x of calls)
      perDay[Math.min(6, Math.floor((x.startedAt - (NOW - WEEK_MS)) / 86_400_000))]++;
    for (const n of perDay) expect(n).toBeGreaterThan(20_000 / 7 / 2);
    expect(calls.filter((x) => x.live)).toHaveLength(3);
    expect(calls.filter((x) => !x.live).every((x) => x.endedAt! <= NOW)).toBe(true);
  });

  it("has every result, both call types and media, both room ID styles and generation splits", () => {
    const calls = make(4).list({ limit: 20_000 }).calls;
    const count = (f: (x: (typeof calls)[number]) => boolean) =>
      calls.filter(f).length / calls.length;
    for (const r of [
      "Cancel",
      "Reject",
      "NotAnswer",
      "NormalEnd",
      "CallBusy",
      "Interrupt",
      "Offline",
    ]) {
      expect(count((x) => x.result === r)).toBeGreaterThan(0.005);
    }
    expect(count((x) => x.result === "NormalEnd")).toBeGreaterThan(0.5);
    expect(count((x) => x.callType === "group")).toBeGreaterThan(0.05);
    expect(count((x) => x.mediaType === "video")).toBeGreaterThan(0.3);
    expect(count((x) => x.roomIdType === 1)).toBeGreaterThan(0.3);
    expect(count((x) => x.roomIdType === 2)).toBeGreaterThan(0.2);
    expect(count((x) => x.generations.length === 1 && x.generations[0] === "v1")).toBeGreaterThan(
      0.03,
    );
    expect(count((x) => x.generations.length === 1 && x.generations[0] === "v4")).toBeGreaterThan(
      0.05,
    );
    expect(count((x) => x.generations.length === 2)).toBeGreaterThan(0.7);
    expect(
      calls.filter((x) => x.callType === "group").every((x) => x.chatGroupId.startsWith("@TGS#")),
    ).toBe(true);
  });

  it("durations are plausible: answered within the ring timeout, talks from seconds to hours", () => {
    const calls = make(5)
      .list({ limit: 20_000 })
      .calls.filter((x) => !x.live);
    for (const x of calls) {
      if (x.acceptedAt !== null) expect(x.acceptedAt - x.startedAt).toBeLessThanOrEqual(30_000);
      expect(x.endedAt!).toBeGreaterThanOrEqual(x.startedAt);
      if (x.result === "NotAnswer" && x.callType === "single")
        expect(x.endedAt! - x.startedAt).toBe(30_000);
    }
    const talks = calls
      .filter((x) => x.result === "NormalEnd")
      .map((x) => x.endedAt! - x.acceptedAt!);
    expect(Math.min(...talks)).toBeLessThan(30_000);
    expect(Math.max(...talks)).toBeGreaterThan(1800_000);
  });

  it("a stable population of a few hundred users, so users have histories", () => {
    const calls = make(6).list({ limit: 20_000 }).calls;
    const perUser = new Map<string, number>();
    for (const x of calls)
      for (const u of [x.caller, ...x.callees]) perUser.set(u, (perUser.get(u) ?? 0) + 1);
    expect(perUser.size).toBeGreaterThan(200);
    expect(perUser.size).toBeLessThanOrEqual(400);
    expect([...perUser.values()].filter((n) => n >= 10).length).toBeGreaterThan(100);
    expect([...perUser.keys()].some((u) => /^\d+$/.test(u))).toBe(true);
    expect([...perUser.keys()].some((u) => /[a-z]/.test(u))).toBe(true);
    for (const x of calls) expect(x.callees).not.toContain(x.caller);
  });

  it("call IDs are unique UUID-shaped strings that look up back to their call", () => {
    const store = make(7, 5000);
    const ids = store.list({ limit: 5000 }).calls.map((x) => x.callId);
    expect(new Set(ids).size).toBe(5000);
    for (const id of ids.slice(0, 200)) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(store.get(id)!.callId).toBe(id);
    }
    expect(store.get(ids[0]!.replace(/.$/, (ch) => (ch === "0" ? "1" : "0")))).toBeUndefined();
  });
});
