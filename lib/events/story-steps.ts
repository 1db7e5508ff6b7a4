import type { CallRecord, Generation, LiveCall } from "@/lib/calls/types";

import { EVENT_ACTIONS, type CallEvent, type EventAction, type EventKind } from "./types";

// Turns a call's events into one deduplicated, time-ordered list of steps per person. Pure.

export type StoryStep = {
  /** ISO 8601, UTC: the most precise time any generation gave. */
  at: string;
  /** From the call's start; `null` when the start is not known. */
  offsetMs: number | null;
  action: EventAction;
  /** The generation whose time `at` is. */
  generation: Generation;
  /** Every generation that reported this step (v1 and v4 often both do). */
  generations: Generation[];
  kind: EventKind;
  /** Tencent's own word, shown as-is when `action` is one this console does not know. */
  rawAction: string;
  /** Known only from the caller's copy (v1 `caller_call_*`), not from this person's own device. */
  fromCaller?: boolean;
};

export type StoryInput = {
  events: CallEvent[];
  record: CallRecord | null;
  live: LiveCall | null;
  startedAt?: string | null;
};

export type Cast = {
  caller: string | null;
  /** Callees in the record's order, then the events', then the live call's. */
  callees: string[];
  oneToOne: boolean;
  startedAt: string | null;
};

// v1 seconds against v4 milliseconds: reports of one happening land within a second of each other.
const SAME_HAPPENING_MS = 1500;
const ORDER = new Map<string, number>(EVENT_ACTIONS.map((a, i) => [a, i]));
const rank = (action: string): number => ORDER.get(action) ?? EVENT_ACTIONS.length;

const ms = (iso: string): number => Date.parse(iso);

/** Time order; events of one instant keep the order a call goes through. A v1 time is a whole
 *  second, so within that second v1 events are placed by that order too. */
export function byTime<T extends { at: string; action: string; generation?: string }>(
  a: T,
  b: T,
): number {
  const [ta, tb] = [ms(a.at), ms(b.at)];
  const sameSecond = Math.floor(ta / 1000) === Math.floor(tb / 1000);
  if (sameSecond && (a.generation === "v1" || b.generation === "v1")) {
    return rank(a.action) - rank(b.action) || ta - tb;
  }
  return ta - tb || rank(a.action) - rank(b.action);
}

const PEER_PREFIX = "peer_";

export function castOf({ events, record, live }: StoryInput, startedAt?: string | null): Cast {
  const caller =
    record?.caller ||
    events.find((e) => e.action === "started" && e.userId)?.userId ||
    live?.members[0]?.userId ||
    events.find((e) => e.action.startsWith(PEER_PREFIX) && e.userId)?.userId ||
    null;
  const callees: string[] = [];
  const add = (id: string | null | undefined) => {
    if (id && id !== caller && !callees.includes(id)) callees.push(id);
  };
  const sorted = [...events].sort(byTime);
  record?.callees.forEach(add);
  // Events list people in the order they were invited; get_call_info only who is still in.
  sorted.forEach((e) => {
    if (!e.action.startsWith(PEER_PREFIX)) add(e.userId);
  });
  live?.members.forEach((m) => add(m.userId));
  const first = sorted[0]?.at ?? null;
  let start = startedAt ?? record?.startedAt ?? first;
  // A record's start is whole seconds; the first event of that second is the more precise start.
  if (start && first && ms(first) >= ms(start) && ms(first) - ms(start) < 1000) start = first;
  return { caller, callees, oneToOne: callees.length === 1, startedAt: start };
}

function offsetFrom(start: string | null, at: string): number | null {
  if (!start) return null;
  const offset = ms(at) - ms(start);
  // A record's start is in whole seconds, so an event in that same second may sit just before it.
  return offset < 0 && offset > -1000 ? 0 : offset;
}

function merge(into: StoryStep, step: StoryStep): void {
  if (!into.generations.includes(step.generation)) into.generations.push(step.generation);
  if (into.fromCaller && !step.fromCaller) into.fromCaller = false;
  // v4 times carry milliseconds; v1 times are whole seconds.
  if (step.generation === "v4" && into.generation !== "v4") {
    into.at = step.at;
    into.generation = "v4";
    into.kind = step.kind;
    into.rawAction = step.rawAction;
  }
}

/** Each person's steps. Peer events count for a 1-to-1 callee; whole-call events are left out. */
export function stepsByPerson(events: CallEvent[], cast: Cast): Map<string, StoryStep[]> {
  const steps = new Map<string, StoryStep[]>();
  const onlyCallee = cast.oneToOne ? cast.callees[0] : undefined;
  // Own events first, so a peer copy of the same happening merges into them.
  const ordered = [...events].sort(
    (a, b) =>
      Number(a.action.startsWith(PEER_PREFIX)) - Number(b.action.startsWith(PEER_PREFIX)) ||
      byTime(a, b),
  );
  for (const e of ordered) {
    if (!e.userId || e.action === "ended") continue;
    const peer = e.action.startsWith(PEER_PREFIX) && onlyCallee !== undefined;
    const person = peer ? onlyCallee : e.userId;
    const step: StoryStep = {
      at: e.at,
      offsetMs: null,
      action: peer ? e.action.slice(PEER_PREFIX.length) : e.action,
      generation: e.generation,
      generations: [e.generation],
      kind: e.kind,
      rawAction: e.rawAction,
      ...(peer ? { fromCaller: true } : {}),
    };
    const list = steps.get(person) ?? [];
    const same = list.find(
      (s) => s.action === step.action && Math.abs(ms(s.at) - ms(step.at)) <= SAME_HAPPENING_MS,
    );
    if (same) merge(same, step);
    else list.push(step);
    steps.set(person, list);
  }
  for (const list of steps.values()) {
    list.sort(byTime);
    for (const s of list) s.offsetMs = offsetFrom(cast.startedAt, s.at);
  }
  return steps;
}
