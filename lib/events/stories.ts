import { participantOutcomes } from "@/lib/calls/outcomes";
import type { ParticipantOutcome } from "@/lib/calls/types";

import { castOf, stepsByPerson, type StoryInput, type StoryStep } from "./story-steps";
import type { EventAction } from "./types";

// What happened to each person in a call, folded from Tencent's events, the record and the live
// call. The record decides the call's result; the events tell each person's part where it cannot.
// Pure: the call detail page imports it.

export type { StoryInput, StoryStep } from "./story-steps";
export { endedByFromEvents, type EndedBy, type StaffEnding } from "./ended-by";

/** Where a person stands now (while live) or where they left the call. */
export type LiveStatus =
  | "ringing"
  | "talking"
  | "declined"
  | "busy"
  | "no_answer"
  | "unreachable"
  | "cancelled"
  | "left"
  | "dropped"
  | "offline"
  | "waiting" // the caller, while nobody has answered yet
  | "unknown";

export type ParticipantStory = {
  userId: string;
  role: "caller" | "callee";
  steps: StoryStep[];
  status: LiveStatus;
  /** `null` while this person is still ringing or in the call. */
  outcome: ParticipantOutcome | null;
  /** Still listed by `get_call_info`. */
  inCall: boolean;
};

const ANSWERED: EventAction[] = ["accepted", "joined", "hung_up"];
const LEAVING: EventAction[] = [
  "declined",
  "busy",
  "no_answer",
  "cancelled",
  "hung_up",
  "dropped",
  "offline",
];

const has = (steps: StoryStep[], actions: EventAction[]) =>
  steps.some((s) => actions.includes(s.action));
const lastLeaving = (steps: StoryStep[]) => steps.findLast((s) => LEAVING.includes(s.action));

/**
 * v1 reports every delivered invitation (`callee_receive_call`); its absence says "never arrived"
 * only when v1 reported the call's start and, later than the invitation, something else: the
 * receipt would be here by then (deliveries come in order). Callbacks pointed here mid-call, or a
 * page read between two deliveries, say nothing.
 */
function neverReached(steps: StoryStep[], v1: V1Seen, startMs: number | null): boolean {
  if (!v1.sawStart || v1.lastMs === null) return false;
  const invited = steps.find((s) => s.action === "invited");
  const invitedMs = invited ? Date.parse(invited.at) : startMs;
  if (invitedMs === null || v1.lastMs <= invitedMs) return false;
  return !has(steps, ["received", ...ANSWERED, "declined", "busy", "dropped"]);
}

type V1Seen = { sawStart: boolean; lastMs: number | null };

function v1Seen(events: StoryInput["events"]): V1Seen {
  const v1 = events.filter((e) => e.generation === "v1");
  return {
    sawStart: v1.some((e) => e.action === "started"),
    lastMs: v1.length > 0 ? Math.max(...v1.map((e) => Date.parse(e.at))) : null,
  };
}

function calleeOutcome(steps: StoryStep[], unreachable: boolean): ParticipantOutcome | null {
  const last = lastLeaving(steps)?.action;
  if (has(steps, ANSWERED)) return last === "dropped" || last === "offline" ? "dropped" : "talked";
  if (unreachable) return "unreachable";
  switch (last) {
    case "declined":
      return "declined";
    case "busy":
      return "busy";
    case "dropped":
      return "dropped";
    case "no_answer":
    case "cancelled":
      return "missed";
    case "offline":
      return "unreachable";
    default:
      return null;
  }
}

function callerOutcome(
  steps: StoryStep[],
  callees: (ParticipantOutcome | null)[],
): ParticipantOutcome | null {
  const last = lastLeaving(steps)?.action;
  const someoneTalked =
    callees.some((o) => o === "talked" || o === "dropped") ||
    has(steps, ["peer_accepted", "accepted", "joined"]);
  if (someoneTalked) return last === "dropped" || last === "offline" ? "dropped" : "talked";
  if (last === "cancelled") return "cancelled";
  if (last === "dropped" || last === "offline") return "dropped";
  if (callees.length > 0 && callees.every((o) => o !== null && o !== "unknown")) {
    // Seen from the caller: everyone declined, everyone was busy, or the call went unanswered.
    if (callees.every((o) => o === "declined")) return "callee_declined";
    if (callees.every((o) => o === "busy")) return "callee_busy";
    return "no_answer";
  }
  return null;
}

const STATUS_OF_ACTION: Partial<Record<EventAction, LiveStatus>> = {
  declined: "declined",
  busy: "busy",
  no_answer: "no_answer",
  cancelled: "cancelled",
  hung_up: "left",
  dropped: "dropped",
  offline: "offline",
};
const STATUS_OF_OUTCOME: Record<ParticipantOutcome, LiveStatus> = {
  talked: "left",
  cancelled: "cancelled",
  missed: "no_answer",
  declined: "declined",
  busy: "busy",
  unreachable: "unreachable",
  no_answer: "left",
  callee_declined: "left",
  callee_busy: "left",
  dropped: "dropped",
  unknown: "unknown",
};

function statusOutsideCall(steps: StoryStep[], outcome: ParticipantOutcome | null): LiveStatus {
  if (outcome === "unreachable") return "unreachable";
  const last = lastLeaving(steps)?.action;
  if (last) return STATUS_OF_ACTION[last] ?? "unknown";
  if (has(steps, ANSWERED)) return "left";
  return outcome ? STATUS_OF_OUTCOME[outcome] : "unknown";
}

function recordOutcomes(input: StoryInput): Map<string, ParticipantOutcome> {
  if (!input.record) return new Map();
  return new Map(participantOutcomes(input.record).map((p) => [p.userId, p.outcome]));
}

export function participantStories(input: StoryInput): ParticipantStory[] {
  const cast = castOf(input, input.startedAt);
  const steps = stepsByPerson(input.events, cast);
  const fromRecord = recordOutcomes(input);
  const v1 = v1Seen(input.events);
  const startMs = cast.startedAt ? Date.parse(cast.startedAt) : null;
  const members = new Map(input.live?.members.map((m) => [m.userId, m.status]) ?? []);
  const isLive = input.live !== null;
  const stepsOf = (id: string) => steps.get(id) ?? [];

  const callees = cast.callees.map((userId) => {
    const own = stepsOf(userId);
    const inCall = members.has(userId);
    const unreachable = !inCall && neverReached(own, v1, startMs);
    const fromEvents = inCall ? null : calleeOutcome(own, unreachable);
    const base = fromRecord.get(userId);
    let outcome: ParticipantOutcome | null;
    if (base && cast.oneToOne && base !== "unknown") {
      // The record's result is the callee's own in a 1-to-1 call, except that it cannot tell
      // "rang unanswered" from "never rang".
      outcome = base === "missed" && unreachable ? "unreachable" : base;
    } else {
      outcome = fromEvents ?? base ?? (isLive ? null : "unknown");
    }
    if (inCall) outcome = null;
    const status: LiveStatus = inCall
      ? members.get(userId) === "Waiting"
        ? "ringing"
        : members.get(userId) === "Calling"
          ? "talking"
          : "unknown"
      : statusOutsideCall(own, outcome);
    return { userId, role: "callee" as const, steps: own, status, outcome, inCall };
  });

  if (!cast.caller) return callees;
  const callerSteps = stepsOf(cast.caller);
  const callerInCall = members.has(cast.caller);
  const base = fromRecord.get(cast.caller);
  const fromEvents = callerOutcome(
    callerSteps,
    callees.map((c) => c.outcome),
  );
  let callerOutcomeNow: ParticipantOutcome | null =
    base && base !== "unknown" ? base : (fromEvents ?? base ?? (isLive ? null : "unknown"));
  if (callerInCall) callerOutcomeNow = null;
  const someoneAnswered = callees.some((c) => c.status === "talking" || c.outcome === "talked");
  const callerStatus: LiveStatus = callerInCall
    ? members.get(cast.caller) === "Calling"
      ? someoneAnswered
        ? "talking"
        : "waiting"
      : "unknown"
    : statusOutsideCall(callerSteps, callerOutcomeNow);
  return [
    {
      userId: cast.caller,
      role: "caller",
      steps: callerSteps,
      status: callerStatus,
      outcome: callerOutcomeNow,
      inCall: callerInCall,
    },
    ...callees,
  ];
}
