// Call enumerations and their spelling in each API generation (reference §3.6, §4.9, §5).

/** Stored as a small integer; the index is the storage code. */
export const V4_RESULTS = [
  "Cancel",
  "Reject",
  "NotAnswer",
  "NormalEnd",
  "CallBusy",
  "Interrupt",
  "Offline",
] as const;
export const V1_RESULTS = [
  "cancel",
  "reject",
  "not_answer",
  "normal_end",
  "call_busy",
  "interrupt",
  "offline",
] as const;
export type V4Result = (typeof V4_RESULTS)[number];
export type V1Result = (typeof V1_RESULTS)[number];

export type Generation = "v1" | "v4";
/** A member's status in get_call_info. */
export type MemberStatus = "Calling" | "Waiting";

export const RESULT = {
  Cancel: 0,
  Reject: 1,
  NotAnswer: 2,
  NormalEnd: 3,
  CallBusy: 4,
  Interrupt: 5,
  Offline: 6,
} as const satisfies Record<V4Result, number>;
export const RESULT_COUNT = V4_RESULTS.length;

export const V4_CALL_TYPES = ["SingleCall", "MultiCall"] as const;
export const V1_CALL_TYPES = ["single", "group"] as const;
export const V4_MEDIA = ["Audio", "Video"] as const;
export const V1_MEDIA = ["audio", "video"] as const;

/** What one member did in a call. Stored per member; drives live status and the ground truth. */
export const MEMBER_OUTCOMES = [
  "accepted", // answered (Waiting → Calling at actedAt)
  "rejected",
  "not_answered", // rang until the timeout
  "busy",
  "cancelled", // the call ended (caller cancel / end_call) while this member was still ringing
  "pending", // live call, member has not acted yet and will not on their own (robot-started calls)
  "joined", // not invited: joined a group call already in progress at actedAt
  "offline", // the invitation never reached the device; the server times it out like a no-answer
] as const;
export type MemberOutcome = (typeof MEMBER_OUTCOMES)[number];
/**
 * Storage codes. `offline` is never stored as such: the member is stored as not_answered (or
 * cancelled, when the call ends first) and marked unreachable, so both facts survive end_call.
 */
export const OUTCOME = {
  accepted: 0,
  rejected: 1,
  not_answered: 2,
  busy: 3,
  cancelled: 4,
  pending: 5,
  joined: 6,
  offline: 7,
} as const satisfies Record<MemberOutcome, number>;

/** v4 `ChangedUserList[].ActionType` spellings the emulator sends (reference §6.17). */
export const V4_ACTION = {
  accept: "Accept",
  reject: "Reject",
  notAnswer: "NotAnswer",
  cancelInvite: "Cancel_Invite",
  hangup: "Hangup",
  join: "Join",
  offline: "Offline",
  invite: "Invite",
} as const;

export { V1_CALLBACK_ACTIONS, V4_CALLBACK_COMMANDS } from "@/lib/trtc/callback-events";
