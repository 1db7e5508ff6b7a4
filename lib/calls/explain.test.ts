import { describe, expect, it } from "vitest";

import { explainResult } from "./explain";
import { KNOWN_CALL_RESULTS } from "./types";

describe("explainResult", () => {
  it.each(KNOWN_CALL_RESULTS)("explains %s with a meaning and a next step", (result) => {
    const e = explainResult(result);
    expect(e.known).toBe(true);
    expect(e.label.length).toBeGreaterThan(0);
    expect(e.meaning.length).toBeGreaterThan(20);
    expect(e.nextSteps.length).toBeGreaterThan(20);
  });

  it("gives each known result its own label", () => {
    const labels = KNOWN_CALL_RESULTS.map((r) => explainResult(r).label);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it("shows an unknown upstream value as-is instead of failing", () => {
    const e = explainResult("HungUpByRobot");
    expect(e).toMatchObject({ known: false, label: "HungUpByRobot" });
    expect(e.meaning).toContain('"HungUpByRobot"');
  });

  it("explains a missing result", () => {
    expect(explainResult("Unknown")).toMatchObject({ known: false, label: "No result" });
  });
});
