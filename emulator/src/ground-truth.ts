import {
  FLAG_GROUP,
  FLAG_SCRIPTED,
  FLAG_VIDEO,
  OPEN,
  WEEK_MS,
  roomTypeOf,
  type CallColumns,
} from "./call-columns";
import {
  MEMBER_OUTCOMES,
  OUTCOME,
  V4_RESULTS,
  type Generation,
  type MemberOutcome,
  type MemberStatus,
  type V4Result,
} from "./enums";
import type { UserTable } from "./users";

// The emulator's ground truth for one call, as tests and `/__emulator/calls` see it.

/** The emulator's ground truth for one call, as `/__emulator/calls/:id` shows it. Times are ms. */
export type CallSnapshot = {
  callId: string;
  caller: string;
  callees: string[];
  mediaType: "audio" | "video";
  callType: "single" | "group";
  /** Final result; for a live call, the result it is scripted to end with. */
  result: V4Result;
  roomId: string;
  roomIdType: 0 | 1 | 2;
  chatGroupId: string;
  generations: Generation[];
  startedAt: number;
  acceptedAt: number | null;
  endedAt: number | null;
  state: "scheduled" | "live" | "ended";
  /**
   * Who hung up (NormalEnd) or whose device dropped (Interrupt, Offline); null when nobody did:
   * end_call, timeouts, cancels, declines, or a call still running.
   */
  endedBy: string | null;
  live: boolean;
  recordVisibleAt: number | null;
  recordVisible: boolean;
  /** Inside Tencent's 7-day record window (by start time). */
  inWindow: boolean;
  members: {
    userId: string;
    role: "caller" | "callee";
    outcome: MemberOutcome | null;
    actedAt: number | null;
    /** When the member was invited (ms); the start for most, later for in-call invitations. */
    invitedAt: number | null;
    /** get_call_info status now; null when the member is not (or no longer) in the live call. */
    status: MemberStatus | null;
  }[];
  scripted: boolean;
};

/** The parts of CallStore a snapshot reads, declared here so this module need not import it. */
export type SnapshotSource = {
  cols: CallColumns;
  users: UserTable;
  recordDelayMs: number;
  callId(row: number): string;
  calleeIds(row: number): string[];
  roomId(row: number): string;
  chatGroupId(row: number): string;
  generations(row: number): Generation[];
  invitedOff(idx: number): number;
  isUnreachable(idx: number): boolean;
  ender(row: number): number;
};

export function snapshotOf(store: SnapshotSource, row: number, now: number): CallSnapshot {
  const c = store.cols;
  const start = c.startMs[row]!;
  const endAt = c.endAt(row);
  const accept = c.acceptOff[row]!;
  const elapsed = now - start;
  const state = start > now ? "scheduled" : endAt > now ? "live" : "ended";
  const first = c.memStart[row]!;
  const members: CallSnapshot["members"] = [
    {
      userId: store.users.name(c.caller[row]!),
      role: "caller",
      outcome: null,
      actedAt: null,
      invitedAt: null,
      status: state === "live" ? "Calling" : null,
    },
  ];
  for (let i = first; i < first + c.memCount[row]!; i++) {
    const act = c.memAct[i]!;
    const outcome = c.memOutcome[i]!;
    members.push({
      userId: store.users.name(c.memUser[i]!),
      role: "callee",
      outcome: store.isUnreachable(i) ? "offline" : (MEMBER_OUTCOMES[outcome] ?? null),
      actedAt: act === OPEN ? null : start + act,
      invitedAt: outcome === OUTCOME.joined ? null : start + store.invitedOff(i),
      status: state === "live" ? memberStatus(outcome, act, elapsed, store.invitedOff(i)) : null,
    });
  }
  const ender = state === "ended" && c.acceptOff[row] !== OPEN ? store.ender(row) : -1;
  const recordAt = endAt === Infinity ? null : endAt + store.recordDelayMs;
  const generations = store.generations(row);
  return {
    callId: store.callId(row),
    caller: store.users.name(c.caller[row]!),
    callees: store.calleeIds(row),
    mediaType: c.flags[row]! & FLAG_VIDEO ? "video" : "audio",
    callType: c.flags[row]! & FLAG_GROUP ? "group" : "single",
    result: V4_RESULTS[c.result[row]!] ?? "NormalEnd",
    roomId: store.roomId(row),
    roomIdType: roomTypeOf(c.flags[row]!),
    chatGroupId: store.chatGroupId(row),
    generations,
    startedAt: start,
    acceptedAt: accept === OPEN || (state !== "ended" && accept > elapsed) ? null : start + accept,
    endedAt: state === "ended" ? endAt : null,
    state,
    endedBy: ender < 0 ? null : (members[ender]?.userId ?? null),
    live: state === "live",
    recordVisibleAt: recordAt,
    recordVisible:
      recordAt !== null && recordAt <= now && start >= now - WEEK_MS && generations.length > 0,
    inWindow: start >= now - WEEK_MS,
    members,
    scripted: (c.flags[row]! & FLAG_SCRIPTED) !== 0,
  };
}

/** A callee's get_call_info status at `elapsed` ms into the call, or null when not in the call. */
export function memberStatus(
  outcome: number,
  act: number,
  elapsed: number,
  invited = 0,
): MemberStatus | null {
  if (outcome === OUTCOME.joined) return act !== OPEN && act <= elapsed ? "Calling" : null;
  if (invited > elapsed) return null;
  if (act === OPEN || act > elapsed) return "Waiting";
  return outcome === OUTCOME.accepted ? "Calling" : null;
}
