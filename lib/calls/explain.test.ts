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

  it("does not say a party hung up when staff ended the call from the console", () => {
    const e = explainResult("NormalEnd", {
      kind: "staff",
      staffEmail: "admin@example.com",
      at: "2026-03-02T14:02:00.000Z",
    });
    expect(e.label).toBe("Ended by staff");
    expect(e.meaning).toContain("admin@example.com ended this call from the console");
    expect(e.meaning).not.toMatch(/one of the parties hung up/);
  });

  it("names who hung up when the events tell", () => {
    const e = explainResult("NormalEnd", { kind: "participant", userId: "bob", action: "hung_up" });
    expect(e).toMatchObject({
      label: "Ended normally",
      meaning: "The call connected and bob hung up.",
    });
    expect(explainResult("NormalEnd", { kind: "participant", action: "hung_up" }).meaning).toBe(
      explainResult("NormalEnd").meaning,
    );
  });
});
