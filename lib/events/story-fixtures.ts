import type { CallRecord, Generation, LiveCall } from "@/lib/calls/types";

import type { CallEvent, EventKind } from "./types";

// Builders for tests of stories and call detail: a call that starts at T0, times in seconds.

export const T0 = "2026-03-02T14:00:00.000Z";
export const at = (seconds: number): string =>
  new Date(Date.parse(T0) + Math.round(seconds * 1000)).toISOString();

const KIND_OF: Record<string, EventKind> = {
  started: "start",
  invited: "start",
  ended: "end",
};

export function ev(
  seconds: number,
  userId: string | null,
  action: string,
  generation: Generation = "v4",
  overrides: Partial<CallEvent> = {},
): CallEvent {
  return {
    at: at(seconds),
    callId: "call-1",
    userId,
    generation,
    kind: KIND_OF[action] ?? (generation === "v1" ? "event" : "member"),
    action,
    rawAction: action,
    ...overrides,
  };
}

export function callRecord(overrides: Partial<CallRecord> = {}): CallRecord {
  return {
    callId: "call-1",
    result: "NormalEnd",
    mediaType: "audio",
    callType: "single",
    caller: "alice",
    callees: ["bob"],
    startedAt: T0,
    acceptedAt: at(7),
    endedAt: at(151),
    roomId: "room-1",
    roomIdType: 2,
    chatGroupId: null,
    sources: ["v4", "v1"],
    ...overrides,
  };
}

export function liveCall(members: [string, "Calling" | "Waiting"][]): LiveCall {
  return {
    callId: "call-1",
    mediaType: "audio",
    roomId: "room-1",
    roomIdType: 2,
    chatGroupId: members.length > 2 ? "group-1" : null,
    members: members.map(([userId, status]) => ({ userId, status })),
  };
}
