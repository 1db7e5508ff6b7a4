import { describe, expect, it } from "vitest";

import { ev } from "@/lib/events/story-fixtures";

import { endedByText, formatOffset, participantLabel, stepLabel } from "./story-labels";

const step = (action: string, over: Record<string, unknown> = {}) => ({
  at: ev(0, "bob", action).at,
  offsetMs: 0,
  action,
  generation: "v4" as const,
  generations: ["v4" as const],
  kind: "member" as const,
  rawAction: action,
  ...over,
});

describe("formatOffset", () => {
  it.each([
    [0, "+0:00"],
    [7_400, "+0:07"],
    [151_000, "+2:31"],
    [3_723_000, "+1:02:03"],
    [-2_000, "-0:02"],
    [null, ""],
  ])("%s ms reads %s", (ms, text) => {
    expect(formatOffset(ms)).toBe(text);
  });
});

describe("stepLabel", () => {
  it("says plainly that the invitation reached the device", () => {
    expect(stepLabel(step("received"), "callee")).toBe("invitation reached the device");
  });
  it("tells the caller's cancelling from a callee's withdrawn invitation", () => {
    expect(stepLabel(step("cancelled"), "caller")).toBe("cancelled the call");
    expect(stepLabel(step("cancelled"), "callee")).toBe("invitation withdrawn by the caller");
  });
  it("shows a word it does not know raw", () => {
    expect(stepLabel(step("Mute_Audio", { kind: "unknown" }), "callee")).toBe(
      "Tencent reported “Mute_Audio”",
    );
  });
  it("says when only the caller's device reported it", () => {
    expect(stepLabel(step("declined", { fromCaller: true }), "callee")).toBe(
      "declined (reported by the caller's device)",
    );
  });
});

describe("participantLabel", () => {
  it("uses the outcome once a person's part is over, live or not", () => {
    const carol = {
      userId: "carol",
      role: "callee" as const,
      outcome: "declined" as const,
      state: "declined" as const,
    };
    expect(participantLabel(carol, true)).toBe("Declined");
    expect(participantLabel(carol, false)).toBe("Declined");
  });
  it("uses where a person stands while they are still in the call", () => {
    expect(
      participantLabel(
        { userId: "ann", role: "caller", status: "Calling", state: "waiting" },
        true,
      ),
    ).toBe("Calling (waiting for an answer)");
  });
});

describe("endedByText", () => {
  const time = (iso: string) => iso.slice(11, 16);
  it.each([
    [{ kind: "participant", userId: "bob", action: "hung_up" }, "Ended by: bob (hung up)"],
    [
      { kind: "staff", staffEmail: "admin@example.com", at: "2026-03-02T14:02:00.000Z" },
      "Ended by staff: admin@example.com at 14:02",
    ],
    [
      { kind: "tencent", reason: "ring_timeout" },
      "Ended by Tencent: nobody answered before the ring timeout",
    ],
    [
      { kind: "tencent", reason: "heartbeat", userId: "bob" },
      "Ended by Tencent: bob's device stopped sending heartbeats",
    ],
    [
      { kind: "participant", action: "hung_up" },
      "Ended by: a participant (hung up); the events do not say who",
    ],
  ] as const)("%j", (endedBy, text) => {
    expect(endedByText(endedBy, time)).toBe(text);
  });
});
