import type { Generation } from "@/lib/calls/types";

// One vocabulary for what both generations' callbacks say happened. Pure: the client imports it.

/** What happened to `userId`, in the order a call usually goes through them. */
export const EVENT_ACTIONS = [
  "started", // the caller started the call
  "invited", // the user was invited (at the start or later in a group call)
  "received", // the invitation reached the user's device (v1 `callee_receive_call`)
  "accepted",
  "declined",
  "busy",
  "no_answer",
  "cancelled", // the caller gave up ringing, or the invitation to this callee was withdrawn
  "joined",
  "hung_up",
  "dropped", // the connection broke off (`interrupt`)
  "offline", // Tencent lost the device's heartbeat
  "ended", // the whole call ended
  // The caller's copy of a callee's answer (v1 `caller_call_*`): evidence for the callee's side.
  "peer_accepted",
  "peer_declined",
  "peer_no_answer",
  "peer_busy",
] as const;
export type KnownEventAction = (typeof EVENT_ACTIONS)[number];
/** A word Tencent adds later is kept verbatim (`kind` is then "unknown"). */
export type EventAction = KnownEventAction | (string & {});

/** Which callback an event came from. */
export const EVENT_KINDS = ["start", "member", "end", "status", "event", "unknown"] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** One event as the API returns it (`call.events`), in time order. */
export type CallEvent = {
  /** ISO 8601, UTC: the time Tencent says it happened. */
  at: string;
  callId: string;
  /** `null` for whole-call events (a v4 end callback). */
  userId: string | null;
  generation: Generation;
  kind: EventKind;
  action: EventAction;
  /** Tencent's own word (`ActionType`, v1 `command`, `CallbackCommand`). */
  rawAction: string;
};

/** An event as the receiver stores it. */
export type NewCallEvent = CallEvent & {
  /** Same for a retried delivery of the same event, so it is stored once. */
  dedupKey: string;
  body: unknown;
};

export type StoredCallEvent = CallEvent & { id: number; receivedAt: string };
