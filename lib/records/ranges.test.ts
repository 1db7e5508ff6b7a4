import { describe, expect, it } from "vitest";

import { resolveAround, resolvePreset, wallTimeToIso } from "./ranges";

describe("time range presets", () => {
  const NOON_UTC = Date.UTC(2026, 11, 7, 12, 0, 0);

  it("makes 'yesterday' the whole previous calendar day in the chosen zone", () => {
    expect(resolvePreset("yesterday", "UTC", NOON_UTC)).toEqual({
      from: "2026-12-06T00:00:00.000Z",
      to: "2026-12-07T00:00:00.000Z",
    });
    // Noon UTC is 20:00 in Shanghai: its yesterday began at 16:00 UTC two days before.
    expect(resolvePreset("yesterday", "Asia/Shanghai", NOON_UTC)).toEqual({
      from: "2026-12-05T16:00:00.000Z",
      to: "2026-12-06T16:00:00.000Z",
    });
    // 03:30 UTC on the 7th is still the evening of the 6th in New York: yesterday is the 5th.
    const lateNewYork = Date.UTC(2026, 11, 7, 3, 30);
    expect(resolvePreset("yesterday", "America/New_York", lateNewYork)).toEqual({
      from: "2026-12-05T05:00:00.000Z",
      to: "2026-12-06T05:00:00.000Z",
    });
  });

  it("keeps whole calendar days across daylight-saving changes", () => {
    // Berlin moved its clocks forward on 29 March 2026 (a 23-hour day) and back on 25 October.
    const dayAfterSpring = Date.UTC(2026, 2, 30, 8, 0);
    expect(resolvePreset("yesterday", "Europe/Berlin", dayAfterSpring)).toEqual({
      from: "2026-03-28T23:00:00.000Z",
      to: "2026-03-29T22:00:00.000Z",
    });
    const dayAfterAutumn = Date.UTC(2026, 9, 26, 8, 0);
    expect(resolvePreset("yesterday", "Europe/Berlin", dayAfterAutumn)).toEqual({
      from: "2026-10-24T22:00:00.000Z",
      to: "2026-10-25T23:00:00.000Z",
    });
    expect(resolvePreset("today", "Europe/Berlin", dayAfterSpring).from).toBe(
      "2026-03-29T22:00:00.000Z",
    );
  });

  it("leaves the other presets open-ended", () => {
    expect(resolvePreset("7d", "UTC", NOON_UTC)).toEqual({ from: "2026-11-30T12:00:00.000Z" });
    expect(resolvePreset("today", "UTC", NOON_UTC)).toEqual({ from: "2026-12-07T00:00:00.000Z" });
  });
});

describe("around a time", () => {
  it("is the hour either side of a wall time in the chosen zone", () => {
    expect(resolveAround("2026-12-06T15:00", "UTC")).toEqual({
      from: "2026-12-06T14:00:00.000Z",
      to: "2026-12-06T16:00:00.000Z",
    });
    expect(resolveAround("2026-12-06T15:00", "Asia/Shanghai")).toEqual({
      from: "2026-12-06T06:00:00.000Z",
      to: "2026-12-06T08:00:00.000Z",
    });
  });

  it("spans two real hours each side when the clocks change in between", () => {
    // 03:00 on 29 March 2026 in Berlin is 01:00 UTC, right after the jump from 02:00 to 03:00.
    expect(resolveAround("2026-03-29T03:00", "Europe/Berlin")).toEqual({
      from: "2026-03-29T00:00:00.000Z",
      to: "2026-03-29T02:00:00.000Z",
    });
  });

  it("refuses times that do not exist on a calendar", () => {
    expect(resolveAround("2026-02-30T15:00", "UTC")).toBeNull();
    expect(resolveAround("2026-12-06T24:00", "UTC")).toBeNull();
    expect(resolveAround("3pm yesterday", "UTC")).toBeNull();
    expect(wallTimeToIso("2028-02-29T10:00", "UTC")).toBe("2028-02-29T10:00:00.000Z");
  });
});
