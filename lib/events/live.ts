import "server-only";

import type { LiveCall } from "@/lib/calls/types";
import type { Executor } from "@/lib/db/executor";

import { callFacts, type CallFacts } from "./call-facts";
import type { LiveCallItem, LiveCallsResponse } from "./live-types";
import { eventsForCalls, openCalls, startBodiesFor, type OpenCall, type StartBody } from "./store";
import { participantStories } from "./stories";
import { castOf, stepsByPerson } from "./story-steps";
import type { CallEvent, EventAction } from "./types";

// The live list reads only the database (three queries however many calls), so every instance
// answers the same and Tencent is not asked on each poll. The stale-call closer keeps it honest.

const ANSWERED: EventAction[] = ["accepted", "joined"];
const LEFT: EventAction[] = [
  "declined",
  "busy",
  "no_answer",
  "cancelled",
  "hung_up",
  "dropped",
  "offline",
];

/**
 * Who is still in the call, as get_call_info would list them, rebuilt from the events: the
 * story fold then gives the same words here as on call detail.
 */
export function membersFromEvents(callId: string, facts: CallFacts, events: CallEvent[]): LiveCall {
  const cast = castOf({ events, record: null, live: null });
  const caller = facts.caller ?? cast.caller;
  const callees = [...facts.callees, ...cast.callees].filter(
    (id, i, all) => id !== caller && all.indexOf(id) === i,
  );
  const steps = stepsByPerson(events, { ...cast, caller, callees, oneToOne: callees.length === 1 });
  const lastChange = (userId: string) =>
    steps.get(userId)?.findLast((s) => ANSWERED.includes(s.action) || LEFT.includes(s.action))
      ?.action;
  const members: LiveCall["members"] = [];
  if (caller && !LEFT.includes(lastChange(caller) ?? "")) {
    members.push({ userId: caller, status: "Calling" });
  }
  for (const userId of callees) {
    const last = lastChange(userId);
    if (last && LEFT.includes(last)) continue;
    members.push({ userId, status: last && ANSWERED.includes(last) ? "Calling" : "Waiting" });
  }
  return {
    callId,
    mediaType: facts.mediaType,
    roomId: "",
    roomIdType: null,
    chatGroupId: null,
    members,
  };
}

export function liveCallItem(
  open: OpenCall,
  events: CallEvent[],
  starts: StartBody[],
): LiveCallItem {
  const facts = callFacts(starts, events);
  const live = membersFromEvents(open.callId, facts, events);
  const stories = participantStories({ events, record: null, live, startedAt: open.firstEventAt });
  const caller = facts.caller ?? stories.find((s) => s.role === "caller")?.userId ?? null;
  return {
    callId: open.callId,
    caller,
    callees: stories.filter((s) => s.role === "callee").map((s) => s.userId),
    callType: facts.callType,
    mediaType: facts.mediaType,
    startedAt: open.firstEventAt,
    participants: stories.map((s) => ({ userId: s.userId, role: s.role, status: s.status })),
  };
}

function byCall<T extends { callId: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const list = out.get(row.callId);
    if (list) list.push(row);
    else out.set(row.callId, [row]);
  }
  return out;
}

export async function listLiveCalls(db: Executor, limit = 500): Promise<LiveCallsResponse> {
  const asOf = new Date().toISOString();
  const open = await openCalls(db, limit);
  const ids = open.map((c) => c.callId);
  const [events, starts] = await Promise.all([eventsForCalls(db, ids), startBodiesFor(db, ids)]);
  const eventsOf = byCall(events);
  const startsOf = byCall(starts);
  return {
    items: open.map((c) =>
      liveCallItem(c, eventsOf.get(c.callId) ?? [], startsOf.get(c.callId) ?? []),
    ),
    asOf,
  };
}
