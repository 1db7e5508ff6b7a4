import { describe, expect, it } from "vitest";

import { endedByFromEvents, participantStories, type ParticipantStory } from "./stories";
import { T0, at, callRecord, ev, liveCall } from "./story-fixtures";
import type { CallEvent } from "./types";

const byUser = (stories: ParticipantStory[]) =>
  Object.fromEntries(stories.map((s) => [s.userId, s]));
const summary = (stories: ParticipantStory[]) =>
  stories.map((s) => [s.userId, s.role, s.status, s.outcome]);
const actions = (story: ParticipantStory | undefined) =>
  story?.steps.map((s) => `${s.offsetMs === null ? "?" : s.offsetMs / 1000}:${s.action}`);

// A 1-to-1 call from alice to bob as both generations report it.
const opening: CallEvent[] = [
  ev(0, "alice", "started"),
  ev(0, "bob", "invited"),
  ev(0, "alice", "started", "v1"),
  ev(1, "bob", "received", "v1"),
];

describe("participantStories — 1-to-1, one case per result", () => {
  it("NormalEnd: both talked, bob's steps merge v1 and v4 and the caller's copy", () => {
    const events = [
      ...opening,
      ev(7, "bob", "accepted", "v1"),
      ev(7.2, "bob", "accepted"),
      ev(7, "alice", "peer_accepted", "v1"),
      ev(151.3, "bob", "hung_up"),
      ev(151, "alice", "hung_up", "v1"),
      ev(151, "bob", "hung_up", "v1"),
      ev(151.5, null, "ended"),
    ];
    const stories = participantStories({ events, record: callRecord(), live: null });
    expect(summary(stories)).toEqual([
      ["alice", "caller", "left", "talked"],
      ["bob", "callee", "left", "talked"],
    ]);
    const bob = byUser(stories).bob;
    expect(actions(bob)).toEqual(["0:invited", "1:received", "7.2:accepted", "151.3:hung_up"]);
    expect(bob?.steps[2]).toMatchObject({ generation: "v4", generations: ["v1", "v4"] });
    expect(bob?.steps[2]?.fromCaller).toBeFalsy();
    expect(actions(byUser(stories).alice)).toEqual(["0:started", "151:hung_up"]);
    expect(endedByFromEvents({ events, record: callRecord(), live: null })).toEqual({
      kind: "participant",
      userId: "bob",
      action: "hung_up",
      at: at(151.3),
    });
  });

  it("Cancel: the caller cancelled, bob missed it, and alice ended the call", () => {
    const events = [
      ...opening,
      ev(5, "alice", "cancelled", "v1"),
      ev(5, "bob", "cancelled", "v1"),
      ev(5.1, "bob", "cancelled"),
    ];
    const record = callRecord({ result: "Cancel", acceptedAt: null, endedAt: at(5) });
    expect(summary(participantStories({ events, record, live: null }))).toEqual([
      ["alice", "caller", "cancelled", "cancelled"],
      ["bob", "callee", "cancelled", "missed"],
    ]);
    expect(endedByFromEvents({ events, record, live: null })).toMatchObject({
      kind: "participant",
      userId: "alice",
      action: "cancelled",
    });
  });

  it("Reject: bob declined and so ended the call", () => {
    const events = [
      ...opening,
      ev(4, "bob", "declined", "v1"),
      ev(4, "alice", "peer_declined", "v1"),
    ];
    const record = callRecord({ result: "Reject", acceptedAt: null, endedAt: at(4) });
    expect(summary(participantStories({ events, record, live: null }))).toEqual([
      ["alice", "caller", "left", "callee_declined"],
      ["bob", "callee", "declined", "declined"],
    ]);
    expect(endedByFromEvents({ events, record, live: null })).toEqual({
      kind: "participant",
      userId: "bob",
      action: "declined",
      at: at(4),
    });
  });

  it("NotAnswer after the invitation arrived: missed, and Tencent's ring timeout ended it", () => {
    const events = [
      ...opening,
      ev(30, "bob", "no_answer"),
      ev(30, "alice", "peer_no_answer", "v1"),
    ];
    const record = callRecord({ result: "NotAnswer", acceptedAt: null, endedAt: at(30) });
    expect(summary(participantStories({ events, record, live: null }))).toEqual([
      ["alice", "caller", "left", "no_answer"],
      ["bob", "callee", "no_answer", "missed"],
    ]);
    expect(endedByFromEvents({ events, record, live: null })).toEqual({
      kind: "tencent",
      reason: "ring_timeout",
      at: at(30),
    });
  });

  it("NotAnswer when v1 never reported the invitation arriving: unreachable", () => {
    const events = [
      ev(0, "alice", "started", "v1"),
      ev(30, "alice", "peer_no_answer", "v1"),
      ev(30, "bob", "no_answer"),
    ];
    const record = callRecord({ result: "NotAnswer", acceptedAt: null, endedAt: at(30) });
    const bob = byUser(participantStories({ events, record, live: null })).bob;
    expect([bob?.status, bob?.outcome]).toEqual(["unreachable", "unreachable"]);
  });

  it("NotAnswer whose v1 events began after the start (callbacks set mid-call): missed", () => {
    const events = [
      ev(0, "alice", "started"),
      ev(0, "bob", "invited"),
      ev(30, "alice", "peer_no_answer", "v1"),
      ev(30, "bob", "no_answer"),
    ];
    const record = callRecord({ result: "NotAnswer", acceptedAt: null, endedAt: at(30) });
    const bob = byUser(participantStories({ events, record, live: null })).bob;
    expect([bob?.status, bob?.outcome]).toEqual(["no_answer", "missed"]);
  });

  it("read between v1's start and the receipt's delivery: nothing later from v1 yet, so missed", () => {
    const events = [
      ev(0, "alice", "started"),
      ev(0, "bob", "invited"),
      ev(0, "alice", "started", "v1"),
      ev(30, "bob", "no_answer"),
    ];
    const record = callRecord({ result: "NotAnswer", acceptedAt: null, endedAt: at(30) });
    expect(byUser(participantStories({ events, record, live: null })).bob?.outcome).toBe("missed");
  });

  it("NotAnswer with only v4 events: nothing can say the invitation did not arrive, so missed", () => {
    const events = [ev(0, "alice", "started"), ev(0, "bob", "invited"), ev(30, "bob", "no_answer")];
    const record = callRecord({ result: "NotAnswer", acceptedAt: null, endedAt: at(30) });
    expect(byUser(participantStories({ events, record, live: null })).bob?.outcome).toBe("missed");
  });

  it("CallBusy: bob was busy", () => {
    const events = [...opening, ev(1, "bob", "busy"), ev(1, "alice", "peer_busy", "v1")];
    const record = callRecord({ result: "CallBusy", acceptedAt: null, endedAt: at(1) });
    expect(summary(participantStories({ events, record, live: null }))).toEqual([
      ["alice", "caller", "left", "callee_busy"],
      ["bob", "callee", "busy", "busy"],
    ]);
    expect(endedByFromEvents({ events, record, live: null })).toMatchObject({
      kind: "participant",
      userId: "bob",
      action: "busy",
    });
  });

  it("Interrupt: both dropped; the drop ended the call", () => {
    const events = [...opening, ev(7, "bob", "accepted"), ev(60, "bob", "dropped", "v1")];
    const record = callRecord({ result: "Interrupt", endedAt: at(60) });
    expect(summary(participantStories({ events, record, live: null }))).toEqual([
      ["alice", "caller", "dropped", "dropped"],
      ["bob", "callee", "dropped", "dropped"],
    ]);
    expect(endedByFromEvents({ events, record, live: null })).toMatchObject({
      kind: "participant",
      userId: "bob",
      action: "dropped",
    });
  });

  it("Offline: Tencent ended it when bob's heartbeat stopped", () => {
    const events = [...opening, ev(7, "bob", "accepted"), ev(90, "bob", "offline")];
    const record = callRecord({ result: "Offline", endedAt: at(90) });
    expect(endedByFromEvents({ events, record, live: null })).toEqual({
      kind: "tencent",
      reason: "heartbeat",
      userId: "bob",
      at: at(90),
    });
  });
});

describe("participantStories — the caller's copy", () => {
  it("tells a 1-to-1 callee's answer when the callee's own event is missing", () => {
    const events = [...opening, ev(4, "alice", "peer_declined", "v1")];
    const stories = participantStories({ events, record: null, live: null });
    const bob = byUser(stories).bob;
    expect(actions(bob)).toEqual(["0:invited", "1:received", "4:declined"]);
    expect(bob?.steps[2]?.fromCaller).toBe(true);
    expect(summary(stories)).toEqual([
      ["alice", "caller", "left", "callee_declined"],
      ["bob", "callee", "declined", "declined"],
    ]);
  });
});

// alice calls bob, carol and dave; bob accepts, carol declines, dave's device never gets it.
const groupEvents: CallEvent[] = [
  ev(0, "alice", "started"),
  ev(0, "bob", "invited"),
  ev(0, "carol", "invited"),
  ev(0, "dave", "invited"),
  ev(0, "alice", "started", "v1"),
  ev(1, "bob", "received", "v1"),
  ev(1, "carol", "received", "v1"),
  ev(3, "carol", "declined"),
  ev(3, "carol", "declined", "v1"),
  ev(5, "bob", "accepted"),
  ev(5, "bob", "accepted", "v1"),
  ev(30, "dave", "no_answer"),
];
const groupRecord = callRecord({
  callType: "group",
  callees: ["bob", "carol", "dave"],
  acceptedAt: at(5),
  endedAt: at(120),
  chatGroupId: "group-1",
});
const groupEnd = [
  ev(120, "bob", "hung_up"),
  ev(120, "alice", "hung_up", "v1"),
  ev(120, "bob", "hung_up", "v1"),
];

describe("participantStories — group call", () => {
  it("while bob and dave still ring, carol has declined", () => {
    const live = liveCall([
      ["alice", "Calling"],
      ["bob", "Waiting"],
      ["dave", "Waiting"],
    ]);
    const stories = participantStories({
      events: groupEvents.slice(0, 9),
      record: null,
      live,
      startedAt: T0,
    });
    expect(summary(stories)).toEqual([
      ["alice", "caller", "waiting", null],
      ["bob", "callee", "ringing", null],
      ["carol", "callee", "declined", "declined"],
      ["dave", "callee", "ringing", null],
    ]);
  });

  it("live, then recorded: every callee's story reads the same", () => {
    const live = liveCall([
      ["alice", "Calling"],
      ["bob", "Calling"],
    ]);
    const during = participantStories({ events: groupEvents, record: null, live });
    expect(summary(during)).toEqual([
      ["alice", "caller", "talking", null],
      ["bob", "callee", "talking", null],
      ["carol", "callee", "declined", "declined"],
      ["dave", "callee", "unreachable", "unreachable"],
    ]);
    const events = [...groupEvents, ...groupEnd];
    const after = participantStories({ events, record: groupRecord, live: null });
    expect(summary(after)).toEqual([
      ["alice", "caller", "left", "talked"],
      ["bob", "callee", "left", "talked"],
      ["carol", "callee", "declined", "declined"],
      ["dave", "callee", "unreachable", "unreachable"],
    ]);
    // Between the end and the record, the events alone give the same outcomes.
    const between = participantStories({ events, record: null, live: null });
    expect(summary(between)).toEqual(summary(after));
    expect(endedByFromEvents({ events, record: groupRecord, live: null })).toEqual({
      kind: "participant",
      userId: "bob",
      action: "hung_up",
      at: at(120),
    });
  });

  it("a callee the events never mention keeps the record's word", () => {
    const events = groupEvents.filter((e) => e.generation === "v4" && e.userId !== "dave");
    const stories = participantStories({ events, record: groupRecord, live: null });
    expect(byUser(stories).dave?.outcome).toBe("unknown");
  });

  it("everyone declining reads, for the caller, as declined by the callees", () => {
    const events = [
      ev(0, "alice", "started"),
      ev(2, "bob", "declined"),
      ev(3, "carol", "declined"),
    ];
    const record = callRecord({
      callType: "group",
      callees: ["bob", "carol"],
      acceptedAt: null,
      endedAt: at(3),
    });
    const stories = participantStories({ events, record, live: null });
    expect(summary(stories)).toEqual([
      ["alice", "caller", "left", "callee_declined"],
      ["bob", "callee", "declined", "declined"],
      ["carol", "callee", "declined", "declined"],
    ]);
    expect(endedByFromEvents({ events, record, live: null })).toMatchObject({
      userId: "carol",
      action: "declined",
    });
  });
});

describe("participantStories — the caller of a group nobody answered", () => {
  const record = callRecord({
    callType: "group",
    callees: ["bob", "carol"],
    acceptedAt: null,
    endedAt: at(30),
  });
  const caller = (events: CallEvent[]) =>
    participantStories({ events, record, live: null }).find((p) => p.role === "caller")?.outcome;

  it("reads busy when every callee was busy", () => {
    expect(caller([ev(0, "alice", "started"), ev(1, "bob", "busy"), ev(1, "carol", "busy")])).toBe(
      "callee_busy",
    );
  });

  it("reads no answer when the callees did not all do the same", () => {
    const events = [
      ev(0, "alice", "started"),
      ev(2, "bob", "declined"),
      ev(30, "carol", "no_answer"),
    ];
    expect(caller(events)).toBe("no_answer");
  });
});

describe("participantStories — order, duplicates and unknown words", () => {
  it("orders events that arrived out of order by their own times", () => {
    const shuffled = [groupEvents[9]!, groupEvents[5]!, groupEvents[1]!, groupEvents[0]!];
    const bob = byUser(participantStories({ events: shuffled, record: null, live: null })).bob;
    expect(actions(bob)).toEqual(["0:invited", "1:received", "5:accepted"]);
  });

  it("places a v1 event (whole seconds) after a v4 one of the same second that comes before it", () => {
    const events = [
      ev(0.4, "bob", "invited"),
      ev(0, "bob", "received", "v1"),
      ev(0, "alice", "started"),
    ];
    const bob = byUser(participantStories({ events, record: null, live: null })).bob;
    expect(bob?.steps.map((s) => s.action)).toEqual(["invited", "received"]);
  });

  it("keeps one step when v1 and v4 say the same thing, and two when they happened apart", () => {
    const events = [
      ev(5, "bob", "accepted", "v1"),
      ev(5.4, "bob", "accepted"),
      ev(5.4, "bob", "accepted"), // a retry stored under another key
      ev(0, "alice", "started"),
      ev(40, "bob", "joined"),
      ev(80, "bob", "joined"),
    ];
    const bob = byUser(participantStories({ events, record: null, live: null })).bob;
    expect(actions(bob)).toEqual(["5.4:accepted", "40:joined", "80:joined"]);
    expect(bob?.steps[0]?.generations.sort()).toEqual(["v1", "v4"]);
  });

  it("keeps an action it does not know, raw, in its place", () => {
    const events = [
      ev(0, "alice", "started"),
      ev(7, "bob", "accepted"),
      ev(9, "bob", "Mute_Audio", "v4", { kind: "unknown", rawAction: "Mute_Audio" }),
    ];
    const stories = participantStories({
      events,
      record: null,
      live: liveCall([
        ["alice", "Calling"],
        ["bob", "Calling"],
      ]),
    });
    expect(byUser(stories).bob?.steps[1]).toMatchObject({
      action: "Mute_Audio",
      kind: "unknown",
      rawAction: "Mute_Audio",
      offsetMs: 9000,
    });
    expect(byUser(stories).bob?.status).toBe("talking");
  });

  it("offsets count from the record's start, which may be a moment after the first event", () => {
    const events = [ev(-0.4, "alice", "started"), ev(12, "bob", "accepted")];
    const record = callRecord();
    const alice = byUser(participantStories({ events, record, live: null })).alice;
    expect(alice?.steps[0]?.offsetMs).toBe(0);
  });
});

describe("endedByFromEvents", () => {
  it("says nothing while the call is live", () => {
    const live = liveCall([
      ["alice", "Calling"],
      ["bob", "Calling"],
    ]);
    expect(endedByFromEvents({ events: opening, record: null, live })).toBeNull();
  });

  it("names no one when v1 reports every device hanging up in the same second", () => {
    const events = [...opening, ev(60, "alice", "hung_up", "v1"), ev(60, "bob", "hung_up", "v1")];
    expect(
      endedByFromEvents({ events, record: callRecord({ endedAt: at(60) }), live: null }),
    ).toEqual({
      kind: "participant",
      action: "hung_up",
      at: at(60),
    });
  });

  it("falls back to the record's result without events", () => {
    const cancelled = callRecord({ result: "Cancel", acceptedAt: null, endedAt: at(6) });
    expect(endedByFromEvents({ events: [], record: cancelled, live: null })).toEqual({
      kind: "participant",
      userId: "alice",
      action: "cancelled",
      at: at(6),
    });
    const timedOut = callRecord({ result: "NotAnswer", acceptedAt: null, endedAt: at(30) });
    expect(endedByFromEvents({ events: [], record: timedOut, live: null })).toEqual({
      kind: "tencent",
      reason: "ring_timeout",
      at: at(30),
    });
    expect(endedByFromEvents({ events: [], record: callRecord(), live: null })).toBeNull();
  });
});
