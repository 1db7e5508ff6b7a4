import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { writeAudit } from "@/lib/db/audit";
import { createHistoryLookup } from "@/lib/events/history";
import { storeEvents } from "@/lib/events/store";
import type { NewCallEvent } from "@/lib/events/types";
import { clientFor, control, scriptCall, sharedEmulator } from "@/lib/trtc/testing";
import { TEST_DATABASES } from "@/test/databases";

import { lookupCall, type CallSources } from "./lookup";
import { defaultSources } from "./service";
import { endedByText, participantLabel } from "./story-labels";
import type { CallDetail } from "./types";

// The call detail lookup with Tencent's events read from a real database, next to the emulator's
// record and live status: each person's story, who ended the call, and a failing database.

const emu = sharedEmulator({ calls: 20 });
beforeEach(async () => {
  await control(emu, "DELETE", "clock");
});

const tencent = (): CallSources => {
  const { archive: _archive, ...rest } = defaultSources(clientFor(emu).client);
  return rest;
};

async function found(callId: string, sources: CallSources): Promise<CallDetail> {
  const outcome = await lookupCall(callId, sources);
  if (outcome.kind !== "found") throw new Error(`expected ${callId} to be found`);
  return outcome.detail;
}

/** Events of one call as the receiver would store them; `seconds` after the call's start. */
function eventsOf(callId: string, startedAt: number) {
  let n = 0;
  return (
    seconds: number,
    userId: string | null,
    action: string,
    generation: "v1" | "v4" = "v4",
  ): NewCallEvent => ({
    callId,
    at: new Date(startedAt + seconds * 1000).toISOString(),
    userId,
    generation,
    kind:
      action === "started" || action === "invited"
        ? "start"
        : action === "ended"
          ? "end"
          : generation === "v1"
            ? "event"
            : "member",
    action,
    rawAction: action,
    dedupKey: `${callId}:${generation}:${n++}`,
    body: {},
  });
}

const words = (d: CallDetail) =>
  d.call.participants.map((p) => [p.userId, participantLabel(p, d.call.live)]);

describe.each(TEST_DATABASES)("call detail with stored events on $name", ({ open }) => {
  let handle: Awaited<ReturnType<typeof open>>;
  let sources: CallSources;
  beforeAll(async () => {
    handle = await open();
    sources = { ...tencent(), history: createHistoryLookup(() => Promise.resolve(handle.db)) };
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it("a group call: one accepts, one declines, one is unreachable — the same words live and after the record", async () => {
    const call = await scriptCall(emu, {
      caller: "ann",
      callees: ["ben", "cat", "dan"],
      live: true,
      acceptAfterMs: 20_000,
      endAfterMs: 60_000,
      members: [
        { userId: "ben", outcome: "accepted", actedAfterMs: 20_000 },
        { userId: "cat", outcome: "rejected", actedAfterMs: 8_000 },
        { userId: "dan", outcome: "not_answered", actedAfterMs: 30_000 },
      ],
    });
    const e = eventsOf(call.callId, call.startedAt);
    // Stored out of order, as callbacks may arrive.
    await storeEvents(handle.db, [
      e(8, "cat", "declined"),
      e(1, "cat", "received", "v1"),
      e(0, "ann", "started"),
      e(0, "ben", "invited"),
      e(0, "cat", "invited"),
      e(0, "dan", "invited"),
      e(0, "ann", "started", "v1"),
      e(1, "ben", "received", "v1"),
      e(8, "cat", "declined", "v1"),
    ]);

    await control(emu, "POST", "clock", { offsetMs: 10_000 });
    const ringing = await found(call.callId, sources);
    expect(ringing.call.live).toBe(true);
    expect(words(ringing)).toEqual([
      ["ann", "Calling (waiting for an answer)"],
      ["ben", "Waiting (ringing)"],
      ["cat", "Declined"],
      ["dan", "Waiting (ringing)"],
    ]);
    expect(ringing.call.events.map((x) => x.at)).toEqual(
      [...ringing.call.events.map((x) => x.at)].sort(),
    );
    expect(ringing.parts.events).toEqual({ state: "read", count: 9 });
    expect(ringing.call.endedBy).toBeNull();

    await storeEvents(handle.db, [
      e(20, "ben", "accepted"),
      e(20, "ben", "accepted", "v1"),
      e(30, "dan", "no_answer"),
    ]);
    await control(emu, "POST", "clock", { offsetMs: 35_000 });
    const talking = await found(call.callId, sources);
    expect(words(talking)).toEqual([
      ["ann", "Calling (in the call)"],
      ["ben", "Calling (in the call)"],
      ["cat", "Declined"],
      ["dan", "Unreachable (the invitation never reached the device)"],
    ]);

    await storeEvents(handle.db, [e(60, "ben", "hung_up"), e(60, null, "ended")]);
    await control(emu, "POST", "clock", { offsetMs: 70_000 });
    const ended = await found(call.callId, sources);
    expect(ended.call).toMatchObject({ live: false, result: "NormalEnd", callType: "group" });
    expect(words(ended)).toEqual([
      ["ann", "Talked"],
      ["ben", "Talked"],
      ["cat", "Declined"],
      ["dan", "Unreachable (the invitation never reached the device)"],
    ]);
    expect(ended.call.participants.map((p) => [p.userId, p.outcome])).toEqual([
      ["ann", "talked"],
      ["ben", "talked"],
      ["cat", "declined"],
      ["dan", "unreachable"],
    ]);
    const ben = ended.call.participants.find((p) => p.userId === "ben");
    expect(ben?.steps?.map((s) => [s.offsetMs, s.action])).toEqual([
      [0, "invited"],
      [1000, "received"],
      [20_000, "accepted"],
      [60_000, "hung_up"],
    ]);
    expect(ended.call.events).toHaveLength(14);
    expect(ended.call.events[0]).toEqual({
      at: new Date(call.startedAt).toISOString(),
      userId: "ann",
      generation: "v4",
      kind: "start",
      action: "started",
      rawAction: "started",
    });
    expect(endedByText(ended.call.endedBy!, (iso) => iso)).toBe("Ended by: ben (hung up)");
    expect(ended.explanation?.meaning).toBe("The call connected and ben hung up.");
  });

  it("a call ended from the console is ended by staff, whatever the events say", async () => {
    const call = await scriptCall(emu, { caller: "eve", callees: ["fay"] });
    const e = eventsOf(call.callId, call.startedAt);
    await storeEvents(handle.db, [
      e(0, "eve", "started"),
      e(5, "fay", "accepted"),
      e(65, "fay", "hung_up"),
    ]);
    await writeAudit(handle.db, {
      actor: "admin@example.com",
      action: "call.end",
      target: call.callId,
      details: { confirmed: true },
    });
    const detail = await found(call.callId, sources);
    expect(detail.call.endedBy).toMatchObject({ kind: "staff", staffEmail: "admin@example.com" });
    expect(Date.parse((detail.call.endedBy as { at: string }).at)).toBeGreaterThan(
      Date.now() - 60_000,
    );
    expect(detail.explanation?.label).toBe("Ended by staff");
    expect(detail.explanation?.meaning).not.toContain("hung up");
  });

  it("is not found yet, but says who ended it and when, and that the record is on its way", async () => {
    await writeAudit(handle.db, {
      actor: "admin@example.com",
      action: "call.end",
      target: "ended-here-1",
      details: { confirmed: true },
    });
    const outcome = await lookupCall("ended-here-1", sources);
    expect(outcome.kind).toBe("not_found");
    if (outcome.kind !== "not_found") return;
    expect(outcome.details.staffEnding).toMatchObject({ staffEmail: "admin@example.com" });
    expect(outcome.details.awaitingRecord).toBe(true);

    const other = await lookupCall("never-ended-here", sources);
    expect(other).toMatchObject({
      kind: "not_found",
      details: { staffEnding: null, awaitingRecord: false },
    });
  });
});

describe("call detail when the event store fails", () => {
  it("still shows the record, and says the events could not be read", async () => {
    const call = await scriptCall(emu, { caller: "gus", callees: ["hal"], result: "Reject" });
    const detail = await found(call.callId, {
      ...tencent(),
      history: () => Promise.reject(new Error("connection refused")),
    });
    expect(detail.call.result).toBe("Reject");
    expect(detail.parts.events).toEqual({ state: "failed", count: 0 });
    expect(detail.call.participants.map((p) => p.outcome)).toEqual(["callee_declined", "declined"]);
    expect(detail.call.endedBy).toMatchObject({ kind: "participant", userId: "hal" });
  });

  it("does not wait long for a database that does not answer", async () => {
    const call = await scriptCall(emu, { caller: "ida", callees: ["jon"] });
    const started = performance.now();
    const detail = await found(call.callId, {
      ...tencent(),
      history: () => new Promise(() => {}),
      historyGraceMs: 200,
    });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(detail.parts.events.state).toBe("failed");
    expect(detail.call.result).toBe("NormalEnd");
  });
});
