import { describe, expect, it } from "vitest";

import { formatDuration, ringTimeMs, talkTimeMs } from "./durations";

const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();

describe("ringTimeMs", () => {
  it("is start → accept for an answered call", () => {
    expect(ringTimeMs({ startedAt: t(0), acceptedAt: t(4), endedAt: t(120) })).toBe(4000);
  });
  it("is start → end when nobody answered", () => {
    expect(ringTimeMs({ startedAt: t(0), acceptedAt: null, endedAt: t(40) })).toBe(40_000);
  });
  it("is null while still ringing, and for inconsistent times", () => {
    expect(ringTimeMs({ startedAt: t(0), acceptedAt: null, endedAt: null })).toBeNull();
    expect(ringTimeMs({ startedAt: t(10), acceptedAt: t(5), endedAt: t(20) })).toBeNull();
  });
});

describe("talkTimeMs", () => {
  it("is accept → end", () => {
    expect(talkTimeMs({ startedAt: t(0), acceptedAt: t(4), endedAt: t(120) })).toBe(116_000);
  });
  it("is null when never connected or not ended", () => {
    expect(talkTimeMs({ startedAt: t(0), acceptedAt: null, endedAt: t(40) })).toBeNull();
    expect(talkTimeMs({ startedAt: t(0), acceptedAt: t(3), endedAt: null })).toBeNull();
  });
});

describe("formatDuration", () => {
  it.each([
    [0, "0s"],
    [999, "0s"],
    [45_000, "45s"],
    [125_000, "2m 05s"],
    [3_723_000, "1h 02m 03s"],
    [90_000_000, "25h 00m 00s"],
  ])("%d ms → %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
  it("shows a dash for no figure", () => {
    expect(formatDuration(null)).toBe("—");
    expect(formatDuration(-5)).toBe("—");
    expect(formatDuration(Number.NaN)).toBe("—");
  });
});
