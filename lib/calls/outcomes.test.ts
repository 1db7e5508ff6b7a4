import { describe, expect, it } from "vitest";

import { participantOutcomes } from "./outcomes";

const single = (result: string, acceptedAt: string | null = null) => ({
  caller: "alice",
  callees: ["bob"],
  callType: "single",
  result,
  acceptedAt,
});
const group = (result: string, acceptedAt: string | null = "2026-01-01T00:00:04.000Z") => ({
  caller: "alice",
  callees: ["bob", "carol"],
  callType: "group",
  result,
  acceptedAt,
});

describe("participantOutcomes — 1-to-1", () => {
  it.each([
    ["NormalEnd", "talked", "talked"],
    ["Cancel", "cancelled", "missed"],
    ["Reject", "callee_declined", "declined"],
    ["NotAnswer", "no_answer", "missed"],
    ["CallBusy", "callee_busy", "busy"],
    ["Interrupt", "dropped", "dropped"],
    ["Offline", "dropped", "dropped"],
    ["SomethingNew", "unknown", "unknown"],
  ])("%s: caller %s, callee %s", (result, caller, callee) => {
    expect(participantOutcomes(single(result))).toEqual([
      { userId: "alice", role: "caller", outcome: caller },
      { userId: "bob", role: "callee", outcome: callee },
    ]);
  });
});

describe("participantOutcomes — group", () => {
  it.each([
    ["NormalEnd", "talked", "unknown"],
    ["Cancel", "cancelled", "missed"],
    ["NotAnswer", "no_answer", "missed"],
    ["Reject", "callee_declined", "unknown"],
    ["CallBusy", "callee_busy", "unknown"],
    ["Interrupt", "dropped", "dropped"],
    ["Offline", "dropped", "dropped"],
  ])("%s: caller %s, every callee %s", (result, caller, callee) => {
    const outcomes = participantOutcomes(group(result));
    expect(outcomes[0]).toEqual({ userId: "alice", role: "caller", outcome: caller });
    expect(outcomes.slice(1).map((p) => p.outcome)).toEqual([callee, callee]);
  });

  it("does not credit the caller with talking when no one ever accepted", () => {
    expect(participantOutcomes(group("NormalEnd", null))[0]?.outcome).toBe("unknown");
  });

  it("treats a group record with one callee like a 1-to-1 call", () => {
    const r = { ...group("Reject"), callees: ["bob"] };
    expect(participantOutcomes(r)[1]?.outcome).toBe("declined");
  });
});
