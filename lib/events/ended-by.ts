import { castOf, stepsByPerson, type Cast, type StoryInput, type StoryStep } from "./story-steps";
import type { EventAction } from "./types";

// Who ended a call, as far as Tencent's record and events tell. Staff endings come from the audit
// log and are added by the caller of this module. Pure.

export type StaffEnding = { staffEmail: string; at: string };

export type EndedBy =
  | { kind: "participant"; userId?: string; action?: EventAction; at?: string }
  | { kind: "staff"; staffEmail: string; at: string }
  | {
      kind: "tencent";
      /** `ring_timeout`: nobody answered in time; `heartbeat`: a device stopped answering. */
      reason: "ring_timeout" | "heartbeat";
      userId?: string;
      at?: string;
    };

const ENDING: EventAction[] = [
  "hung_up",
  "cancelled",
  "declined",
  "busy",
  "no_answer",
  "dropped",
  "offline",
];
// Events of the last instant may be stamped a moment after the record's end time.
const AFTER_END_MS = 2000;

type Ending = { userId: string; step: StoryStep };
const ms = (iso: string): number => Date.parse(iso);

const second = (e: Ending): number => Math.floor(ms(e.step.at) / 1000);

/** The endings of the call's last moment. v4 names the one person who acted, to the millisecond;
 *  v1 has whole seconds, reported a second late at worst, and sends an end to every device. */
function lastInstant(endings: Ending[]): Ending[] {
  const lastSecond = Math.max(...endings.map(second));
  const precise = endings.filter(
    (e) => second(e) >= lastSecond - 1 && e.step.generations.includes("v4"),
  );
  if (precise.length > 0) {
    const last = Math.max(...precise.map((e) => ms(e.step.at)));
    return precise.filter((e) => ms(e.step.at) === last);
  }
  return endings.filter((e) => second(e) === lastSecond);
}

function fromRecordOnly(input: StoryInput, cast: Cast): EndedBy | null {
  const r = input.record;
  if (!r) return null;
  const at = r.endedAt ?? undefined;
  const callee = cast.oneToOne ? cast.callees[0] : undefined;
  if (r.result === "Cancel")
    return { kind: "participant", userId: r.caller, action: "cancelled", at };
  if (r.result === "Reject" && callee)
    return { kind: "participant", userId: callee, action: "declined", at };
  if (r.result === "CallBusy" && callee)
    return { kind: "participant", userId: callee, action: "busy", at };
  return null;
}

/** `null` while the call is live or when nothing says who ended it. */
export function endedByFromEvents(input: StoryInput): EndedBy | null {
  if (input.live) return null;
  const cast = castOf(input, input.startedAt);
  const steps = stepsByPerson(input.events, cast);
  const ends = input.events.filter((e) => e.action === "ended").map((e) => ms(e.at));
  const endAt = input.record?.endedAt
    ? ms(input.record.endedAt)
    : ends.length > 0
      ? Math.max(...ends)
      : null;
  const endings: Ending[] = [];
  for (const [userId, list] of steps) {
    for (const step of list) {
      if (!ENDING.includes(step.action)) continue;
      if (endAt !== null && ms(step.at) > endAt + AFTER_END_MS) continue;
      endings.push({ userId, step });
    }
  }
  const latestOf = (actions: EventAction[]) =>
    endings
      .filter((e) => actions.includes(e.step.action))
      .sort((a, b) => ms(b.step.at) - ms(a.step.at))[0];
  const recordEnd = endAt === null ? undefined : new Date(endAt).toISOString();

  // The record decides the call's result; the events only say whose part ended it.
  if (input.record?.result === "NotAnswer") {
    return {
      kind: "tencent",
      reason: "ring_timeout",
      at: latestOf(["no_answer"])?.step.at ?? recordEnd,
    };
  }
  if (input.record?.result === "Offline") {
    const lost = latestOf(["offline"]);
    return {
      kind: "tencent",
      reason: "heartbeat",
      ...(lost ? { userId: lost.userId, at: lost.step.at } : { at: recordEnd }),
    };
  }
  if (endings.length === 0) return fromRecordOnly(input, cast);

  const decisive = lastInstant(endings);
  const at = new Date(Math.max(...decisive.map((e) => ms(e.step.at)))).toISOString();

  const lost = decisive.find((e) => e.step.action === "offline");
  if (lost) return { kind: "tencent", reason: "heartbeat", userId: lost.userId, at: lost.step.at };
  if (decisive.some((e) => e.step.action === "no_answer")) {
    return { kind: "tencent", reason: "ring_timeout", at };
  }
  // A callee's "cancelled" is the caller withdrawing the invitation.
  const actors = new Set(
    decisive.map((e) =>
      e.step.action === "cancelled" && cast.caller && e.userId !== cast.caller
        ? cast.caller
        : e.userId,
    ),
  );
  const actions = new Set(decisive.map((e) => e.step.action));
  return {
    kind: "participant",
    ...(actors.size === 1 ? { userId: [...actors][0] } : {}),
    ...(actions.size === 1 ? { action: [...actions][0] } : {}),
    at,
  };
}
