import type { CallRecord, Participant, ParticipantOutcome } from "./types";

type OutcomePair = { caller: ParticipantOutcome; callee: ParticipantOutcome };

// One result covers the whole call; each side reads it as what happened to them: the caller's
// call was declined, met a busy callee or was not answered.
const ONE_TO_ONE: Record<string, OutcomePair> = {
  NormalEnd: { caller: "talked", callee: "talked" },
  Cancel: { caller: "cancelled", callee: "missed" },
  Reject: { caller: "callee_declined", callee: "declined" },
  NotAnswer: { caller: "no_answer", callee: "missed" },
  CallBusy: { caller: "callee_busy", callee: "busy" },
  Interrupt: { caller: "dropped", callee: "dropped" },
  Offline: { caller: "dropped", callee: "dropped" },
};

// A group call has one result for everyone (v1 documents only `normal_end` for groups), so callees
// are credited only with results that apply to all of them.
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
