import type { Generation } from "@/lib/calls/types";

import type { NewCallEvent } from "./types";

// Events as the receiver stores them, for tests and benchmarks of the live list.

let serial = 0;

export function stored(
  callId: string,
  at: string,
  userId: string | null,
  action: string,
  over: Partial<NewCallEvent> = {},
): NewCallEvent {
  const generation: Generation = over.generation ?? "v4";
  const kind =
    action === "started" || action === "invited"
      ? "start"
      : action === "ended"
        ? "end"
        : generation === "v1"
          ? "event"
          : "member";
  return {
    callId,
    at,
    userId,
    generation,
    kind,
    action,
    rawAction: action,
    body: {},
    dedupKey: `${callId}:${generation}:${action}:${userId}:${at}:${serial++}`,
    ...over,
  };
}

/** A v4 start callback: the caller and an event per invited callee, all with its body. */
export function v4Start(
  callId: string,
  at: string,
  caller: string,
  callees: string[],
  media: "Audio" | "Video" = "Audio",
): NewCallEvent[] {
  const body = {
    CallbackCommand: "Call.CallbackAfterStartCall",
    CallInfo: {
      CallId: callId,
      MediaType: media,
      ChatGroupId: callees.length > 1 ? `@TGS#${callId}` : "",
      RoomId: "r1",
      RoomIdType: 2,
    },
    UserList: [
      { User_Account: caller, Status: "Calling" },
      ...callees.map((u) => ({ User_Account: u, Status: "Waiting" })),
    ],
    EventTime: Date.parse(at),
  };
  return [
    stored(callId, at, caller, "started", { body }),
    ...callees.map((u) => stored(callId, at, u, "invited", { body })),
  ];
}

export const secondsAfter = (iso: string, s: number): string =>
  new Date(Date.parse(iso) + s * 1000).toISOString();
