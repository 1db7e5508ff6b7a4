// The console's one model of a call. Both upstream generations (v1 CallKit, v4 Chat) are mapped
// into these types in lib/trtc and nowhere else.

/** Which upstream API generation a piece of data came from. */
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
/**
 * v4 names are canonical. A value Tencent adds later is kept verbatim (the `string & {}` keeps
 * editor completion for the known names while accepting any string).
 */
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
  /** Generations that returned this record; two entries when v1 and v4 copies were merged. */
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

/**
 * What one participant can be credited with, read from the record alone. `unknown` is used when
 * the record cannot tell (unknown result, or a group call where per-member outcomes are not kept).
 */
export type ParticipantOutcome =
  | "talked" // the call connected and this participant was in it
  | "cancelled" // the caller gave up before anyone answered
  | "missed" // a callee did not answer before the ring timeout
  | "declined" // a callee rejected the call
  | "busy" // a callee was already on another call
  | "unanswered" // the caller's call was not answered (NotAnswer / Reject / CallBusy seen from the caller)
  | "dropped" // the call broke off (network interruption or heartbeat loss)
  | "unknown";

export type Participant = {
  userId: string;
  role: ParticipantRole;
  outcome: ParticipantOutcome;
};

export type ResultExplanation = {
  /** Short label for tables. */
  label: string;
  /** What the result means, in plain language. */
  meaning: string;
  /** What support staff should check next. */
  nextSteps: string;
  known: boolean;
};
