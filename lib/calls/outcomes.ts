import type { CallRecord, Participant, ParticipantOutcome } from "./types";

type OutcomePair = { caller: ParticipantOutcome; callee: ParticipantOutcome };

// What each side of a 1-to-1 call can be credited with, per result. A record has one result for
// the whole call, so for the caller "Reject", "NotAnswer" and "CallBusy" all read "not answered";
// the callee side is where they differ.
const ONE_TO_ONE: Record<string, OutcomePair> = {
  NormalEnd: { caller: "talked", callee: "talked" },
  Cancel: { caller: "cancelled", callee: "missed" },
  Reject: { caller: "unanswered", callee: "declined" },
  NotAnswer: { caller: "unanswered", callee: "missed" },
  CallBusy: { caller: "unanswered", callee: "busy" },
  Interrupt: { caller: "dropped", callee: "dropped" },
  Offline: { caller: "dropped", callee: "dropped" },
};

/**
 * Outcome per participant, caller first, then callees in record order.
 *
 * Group calls: Tencent reports one result for the whole group (v1 documents that only
 * `normal_end` is reported for groups), so a callee's own outcome cannot be known from the record
 * when there are several callees. Only results that apply to everyone are credited to all
 * callees: `Cancel` (everyone's phone rang and stopped), `NotAnswer` (nobody answered) and the
 * drop results. The caller of a group call that connected talked.
 */
export function participantOutcomes(
  record: Pick<CallRecord, "caller" | "callees" | "callType" | "result" | "acceptedAt">,
): Participant[] {
  const known = ONE_TO_ONE[record.result];
  const isGroup = record.callType !== "single" && record.callees.length !== 1;

  let caller: ParticipantOutcome = known?.caller ?? "unknown";
  let callee: ParticipantOutcome = known?.callee ?? "unknown";

  if (isGroup && known) {
    const everyoneAlike = ["Cancel", "NotAnswer", "Interrupt", "Offline"].includes(record.result);
    if (!everyoneAlike) callee = "unknown";
    // A group call "ends normally" even when nobody picked up; only an accept time proves talk.
    if (record.result === "NormalEnd" && record.acceptedAt === null) caller = "unknown";
  }

  return [
    { userId: record.caller, role: "caller", outcome: caller },
    ...record.callees.map((userId) => ({ userId, role: "callee" as const, outcome: callee })),
  ];
}
