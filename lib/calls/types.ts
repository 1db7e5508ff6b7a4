export type Generation = "v1" | "v4";

export const KNOWN_CALL_RESULTS = [
  "NormalEnd",
  "Cancel",
  "Reject",
  "NotAnswer",
  "CallBusy",
  "Interrupt",
  "Offline",
] as const;
export type KnownCallResult = (typeof KNOWN_CALL_RESULTS)[number];
/** v4 names are canonical; a value Tencent adds later is kept verbatim. */
export type CallResult = KnownCallResult | (string & {});

export type MediaType = "audio" | "video" | (string & {});
export type CallType = "single" | "group" | (string & {});

/** 0 = no room ID set (seen in get_call_info), 1 = numeric room ID, 2 = string room ID. */
export type RoomIdType = 0 | 1 | 2 | (number & {});

export type CallRecord = {
  callId: string;
  result: CallResult;
  mediaType: MediaType;
  callType: CallType;
  caller: string;
  /** Never includes the caller (v4 lists the caller among its "callees"; we remove it). */
  callees: string[];
  /** ISO 8601, UTC. */
  startedAt: string;
  acceptedAt: string | null;
  endedAt: string | null;
  roomId: string;
  roomIdType: RoomIdType | null;
  chatGroupId: string | null;
  sources: Generation[];
};

export type LiveMemberStatus = "Calling" | "Waiting" | (string & {});

export type LiveCall = {
  callId: string;
  mediaType: MediaType;
  roomId: string;
  roomIdType: RoomIdType | null;
  chatGroupId: string | null;
  members: { userId: string; status: LiveMemberStatus }[];
};

export type ParticipantRole = "caller" | "callee";

export type ParticipantOutcome =
  | "talked" // the call connected and this participant was in it
  | "cancelled" // the caller gave up before anyone answered
  | "missed" // a callee did not answer before the ring timeout
  | "declined" // a callee rejected the call
  | "busy" // a callee was already on another call
  | "unreachable" // the invitation never reached a callee's device
  | "no_answer" // the caller's call: nobody picked up before the ring timeout
  | "callee_declined" // the caller's call: the callee (every callee of a group) declined
  | "callee_busy" // the caller's call: the callee (every callee of a group) was busy
  | "dropped" // this person's connection broke off (network loss or heartbeats stopped)
  | "unknown";

export type Participant = {
  userId: string;
  role: ParticipantRole;
  outcome: ParticipantOutcome;
};

/** Next steps that are lookups the page can link to. */
export type NextStepLookup = "callee_calls_around_start";

export type ResultExplanation = {
  label: string;
  meaning: string;
  nextSteps: string;
  lookup?: NextStepLookup;
  known: boolean;
};
