import { describe, expect, it } from "vitest";

import type { QualityPoint } from "@/lib/trtc-cloud/types";

import {
  callVerdict,
  droppedFrom,
  gradeLoss,
  qualitySentence,
  verdictOf,
  worstStretch,
} from "./quality";

const START = Date.parse("2026-12-01T10:00:00Z");
/** One sample every 2 s from the start, with the given loss percentages. */
const points = (values: number[], step = 2000): QualityPoint[] =>
  values.map((value, i) => ({ at: new Date(START + i * step).toISOString(), value }));
const at = (seconds: number) => new Date(START + seconds * 1000).toISOString();

describe("gradeLoss (Tencent's bands)", () => {
  it.each([
    [0, "good"],
    [1.99, "good"],
    [2, "fair"],
    [5, "fair"],
    [5.1, "poor"],
    [10, "poor"],
    [10.1, "congested"],
  ])("%s %% is %s", (loss, grade) => expect(gradeLoss(loss)).toBe(grade));
});

describe("verdictOf", () => {
  it("is good when loss stays under 2 %", () => {
    expect(verdictOf({ lossUp: points([0, 1, 1.5, 0]), lossDown: points([0, 0]) })).toBe("good");
  });
  it("ignores a single bad sample", () => {
    expect(verdictOf({ lossDown: points([0, 40, 0, 0]) })).toBe("good");
  });
  it("is fair for a sustained 2–5 % stretch", () => {
    expect(verdictOf({ lossUp: points([0, 3, 4, 0]) })).toBe("fair");
  });
  it("is poor for a sustained stretch over 5 %, in either direction", () => {
    expect(verdictOf({ lossUp: points([0, 0]), lossDown: points([0, 6, 8, 0]) })).toBe("poor");
  });
  it("is unknown without samples", () => {
    expect(verdictOf({})).toBe("unknown");
  });
});

describe("worstStretch", () => {
  it("finds the congested stretch's peak and length", () => {
    const stretch = worstStretch({ lossDown: points([0, 3, 3, 0, 12, 31, 25, 18, 1, 0]) });
    expect(stretch).toMatchObject({ direction: "down", grade: "congested", peak: 31 });
    expect(stretch?.from).toBe(at(8));
    expect(stretch?.durationMs).toBe(8000);
  });
  it("prefers the higher band over a longer milder stretch", () => {
    const stretch = worstStretch({
      lossUp: points([3, 3, 3, 3, 3, 3]),
      lossDown: points([0, 7, 8, 0, 0, 0]),
    });
    expect(stretch).toMatchObject({ direction: "down", grade: "poor", peak: 8 });
  });
});

describe("qualitySentence", () => {
  const base = { userId: "bob", startedAt: at(0), dropped: true };
  it("relates a bad stretch to the drop that followed it", () => {
    const series = { lossDown: points([0, 0, 0, 0, 12, 31, 25, 18, 20, 22]) };
    expect(qualitySentence({ ...base, series, leftAt: at(20) })).toBe(
      "bob's downstream loss rose to 31 % for 12 s before they dropped.",
    );
  });
  it("places a bad stretch long before leaving on the call's clock", () => {
    const series = { lossUp: points([0, 9, 9, 0, 0], 10_000) };
    expect(qualitySentence({ ...base, dropped: false, series, leftAt: at(300) })).toBe(
      "bob's upstream loss rose to 9 % for 20 s at 0:10 into the call.",
    );
  });
  it("says a drop came without loss", () => {
    const series = { lossDown: points([0, 1, 0]) };
    expect(qualitySentence({ ...base, series, leftAt: at(6) })).toBe(
      "bob's loss stayed under 2 % until they dropped, so the drop was not preceded by a bad network.",
    );
  });
  it("says good when the call ended normally", () => {
    const series = { lossDown: points([0, 1, 0]) };
    expect(
      qualitySentence({ ...base, userId: "alice", dropped: false, series, leftAt: at(6) }),
    ).toBe("alice's network was good throughout (loss under 2 %).");
  });
  it("says when Tencent had no samples", () => {
    expect(qualitySentence({ ...base, series: {}, leftAt: null })).toBe(
      "Tencent reported no network samples for bob.",
    );
  });
});

describe("droppedFrom and callVerdict", () => {
  it("trusts the record's outcome, else the call's result", () => {
    expect(droppedFrom("Interrupt", "talked")).toBe(false);
    expect(droppedFrom("NormalEnd", "dropped")).toBe(true);
    expect(droppedFrom("Offline", undefined)).toBe(true);
    expect(droppedFrom("NormalEnd", undefined)).toBe(false);
  });
  it("is poor when any participant is poor", () => {
    expect(callVerdict(["good", "poor", "fair"])).toBe("poor");
    expect(callVerdict(["good", "unknown"])).toBe("good");
    expect(callVerdict([])).toBe("unknown");
  });
});
