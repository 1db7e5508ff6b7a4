import "server-only";

import { sql } from "drizzle-orm";

import type { Generation } from "@/lib/calls/types";
import { arrayLiteral, type ArrayValue } from "@/lib/db/array-literal";
import { rowsOf, type Executor } from "@/lib/db/executor";

import type { EventKind, NewCallEvent, StoredCallEvent } from "./types";

// Every write is one statement, so an acknowledged callback is stored whole on PGlite and
// PostgreSQL alike, and any instance may receive.

const ENDING_KINDS: EventKind[] = ["end", "status"];

/** Stores one callback's events; a retried delivery stores nothing new. Returns rows added. */
export async function storeEvents(db: Executor, events: NewCallEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const calls = new Map<string, { first: string; last: string; ended: string | null }>();
  for (const e of events) {
    const c = calls.get(e.callId) ?? { first: e.at, last: e.at, ended: null };
    if (e.at < c.first) c.first = e.at;
    if (e.at > c.last) c.last = e.at;
    if (ENDING_KINDS.includes(e.kind)) c.ended = c.ended && c.ended > e.at ? c.ended : e.at;
    calls.set(e.callId, c);
  }
  // One array literal per column (see lib/db/array-literal.ts): cheap to build and to parse.
  const column = (values: ArrayValue[], type: string) =>
    sql`${arrayLiteral(values)}::${sql.raw(type)}[]`;
  const ids = [...calls.keys()];
  const result = await db.execute(sql`
    with x as (
      select * from unnest(
        ${column(
          events.map((e) => e.dedupKey),
          "text",
        )}, ${column(
          events.map((e) => e.callId),
          "text",
        )},
        ${column(
          events.map((e) => e.generation),
          "text",
        )}, ${column(
          events.map((e) => e.kind),
          "text",
        )},
        ${column(
          events.map((e) => e.userId),
          "text",
        )}, ${column(
          events.map((e) => e.action),
          "text",
        )},
        ${column(
          events.map((e) => e.rawAction),
          "text",
        )}, ${column(
          events.map((e) => e.at),
          "timestamptz",
        )},
        ${column(
          events.map((e) => JSON.stringify(e.body)),
          "text",
        )}
      ) as x(dedup_key, call_id, generation, kind, user_id, action, raw_action, event_at, body)
    ), added as (
      insert into call_events (dedup_key, call_id, generation, kind, user_id, action, raw_action, event_at, body)
      select dedup_key, call_id, generation, kind, user_id, action, raw_action, event_at, body::jsonb from x
      on conflict (dedup_key) do nothing
      returning 1
    ), c as (
      select * from unnest(
        ${column(ids, "text")}, ${column(
          ids.map((id) => calls.get(id)!.first),
          "timestamptz",
        )},
        ${column(
          ids.map((id) => calls.get(id)!.last),
          "timestamptz",
        )},
        ${column(
          ids.map((id) => calls.get(id)!.ended),
          "timestamptz",
        )}
      ) as c(call_id, first_event_at, last_event_at, ended_at)
    ), calls as (
      insert into event_calls (call_id, first_event_at, last_event_at, ended_at, end_reason)
      select call_id, first_event_at, last_event_at, ended_at,
        case when ended_at is null then null else 'callback' end from c
      on conflict (call_id) do update set
        first_event_at = least(event_calls.first_event_at, excluded.first_event_at),
        last_event_at = greatest(event_calls.last_event_at, excluded.last_event_at),
        ended_at = case
          when event_calls.end_reason = 'callback' or excluded.ended_at is null then event_calls.ended_at
          else excluded.ended_at end,
        end_reason = case
          when event_calls.end_reason = 'callback' or excluded.ended_at is null then event_calls.end_reason
          else excluded.end_reason end
      returning 1
    )
    select (select count(*) from added)::int as added
  `);
  return rowsOf<{ added: number }>(result)[0]?.added ?? 0;
}

type EventRow = {
  id: string | number;
  call_id: string;
  generation: Generation;
  kind: EventKind;
  user_id: string | null;
  action: string;
  raw_action: string;
  event_at: string | Date;
  received_at: string | Date;
};

const iso = (v: string | Date): string => new Date(v).toISOString();

function toEvent(r: EventRow): StoredCallEvent {
  return {
    id: Number(r.id),
    callId: r.call_id,
    generation: r.generation,
    kind: r.kind,
    userId: r.user_id,
    action: r.action,
    rawAction: r.raw_action,
    at: iso(r.event_at),
    receivedAt: iso(r.received_at),
  };
}

/** A call's events by their own time; ties keep arrival order. */
export async function eventsForCall(db: Executor, callId: string): Promise<StoredCallEvent[]> {
  const result = await db.execute(sql`
    select id, call_id, generation, kind, user_id, action, raw_action, event_at, received_at
    from call_events where call_id = ${callId} order by event_at, id
  `);
  return rowsOf<EventRow>(result).map(toEvent);
}

/** Several calls' events in one query, by their own time; ties keep arrival order. */
export async function eventsForCalls(db: Executor, callIds: string[]): Promise<StoredCallEvent[]> {
  if (callIds.length === 0) return [];
  const result = await db.execute(sql`
    select id, call_id, generation, kind, user_id, action, raw_action, event_at, received_at
    from call_events where call_id in (${sql.join(
      callIds.map((id) => sql`${id}`),
      sql`, `,
    )})
    order by event_at, id
  `);
  return rowsOf<EventRow>(result).map(toEvent);
}

export type StartBody = { callId: string; generation: Generation; body: unknown };

/**
 * Per call and generation, the raw body of its start callback (or, when that was lost, of its
 * earliest event): who called whom and how is only said there.
 */
export async function startBodiesFor(db: Executor, callIds: string[]): Promise<StartBody[]> {
  if (callIds.length === 0) return [];
  const result = await db.execute(sql`
    select distinct on (call_id, generation) call_id, generation, body
    from call_events where call_id in (${sql.join(
      callIds.map((id) => sql`${id}`),
      sql`, `,
    )})
    order by call_id, generation, (kind = 'start' or action = 'started') desc, event_at, id
  `);
  return rowsOf<{ call_id: string; generation: Generation; body: unknown }>(result).map((r) => ({
    callId: r.call_id,
    generation: r.generation,
    // node-postgres parses jsonb; PGlite may hand back text.
    body: typeof r.body === "string" ? (JSON.parse(r.body) as unknown) : r.body,
  }));
}

export type OpenCall = {
  callId: string;
  firstEventAt: string;
  lastEventAt: string;
  checkedAt: string | null;
};

type OpenCallRow = {
  call_id: string;
  first_event_at: string | Date;
  last_event_at: string | Date;
  checked_at: string | Date | null;
};

const toOpenCall = (r: OpenCallRow): OpenCall => ({
  callId: r.call_id,
  firstEventAt: iso(r.first_event_at),
  lastEventAt: iso(r.last_event_at),
  checkedAt: r.checked_at === null ? null : iso(r.checked_at),
});

/** Calls with events and no end yet, newest first. */
export async function openCalls(db: Executor, limit = 500): Promise<OpenCall[]> {
  const result = await db.execute(sql`
    select call_id, first_event_at, last_event_at, checked_at from event_calls
    where ended_at is null order by first_event_at desc limit ${limit}
  `);
  return rowsOf<OpenCallRow>(result).map(toOpenCall);
}

/** Closes a call whose end callback never came; a later end callback still wins. */
export async function closeCall(
  db: Executor,
  callId: string,
  reason: string,
  endedAt: string,
): Promise<void> {
  await db.execute(sql`
    update event_calls set ended_at = ${endedAt}::timestamptz, end_reason = ${reason}, checked_at = now()
    where call_id = ${callId} and ended_at is null
  `);
}

export type StaleRule = {
  /** A call with no event for this long is asked about. */
  silentForMs: number;
  /** …but not again sooner than this after the last check, by any instance. */
  recheckAfterMs: number;
  /** A call open longer than this is asked about even when events keep coming. */
  maxOpenMs: number;
  limit: number;
};

/**
 * Claims open calls due for a check by stamping `checked_at`. The stamp is conditional, so with
 * several instances on one database each call is claimed by one of them per round.
 */
export async function claimStaleCalls(
  db: Executor,
  rule: StaleRule,
  now: Date = new Date(),
): Promise<OpenCall[]> {
  const at = now.toISOString();
  const due = sql`
    ended_at is null
    and (checked_at is null or checked_at < ${at}::timestamptz - ${rule.recheckAfterMs} * interval '1 millisecond')
    and (last_event_at < ${at}::timestamptz - ${rule.silentForMs} * interval '1 millisecond'
      or first_event_at < ${at}::timestamptz - ${rule.maxOpenMs} * interval '1 millisecond')`;
  const result = await db.execute(sql`
    update event_calls set checked_at = ${at}::timestamptz
    where call_id in (
      select call_id from event_calls where ${due} order by last_event_at limit ${rule.limit}
    ) and ${due}
    returning call_id, first_event_at, last_event_at, checked_at
  `);
  return rowsOf<OpenCallRow>(result).map(toOpenCall);
}

export async function markChecked(db: Executor, callId: string): Promise<void> {
  await db.execute(sql`update event_calls set checked_at = now() where call_id = ${callId}`);
}

/** Retention: the same as the record index. Returns events removed. */
export async function pruneEventsBefore(db: Executor, cutoff: Date): Promise<number> {
  const at = cutoff.toISOString();
  const result = await db.execute(sql`
    with gone as (delete from call_events where event_at < ${at}::timestamptz returning 1),
    calls as (delete from event_calls where last_event_at < ${at}::timestamptz returning 1),
    rejections as (delete from callback_rejections where hour < ${at}::timestamptz returning 1)
    select (select count(*) from gone)::int as removed
  `);
  return rowsOf<{ removed: number }>(result)[0]?.removed ?? 0;
}
