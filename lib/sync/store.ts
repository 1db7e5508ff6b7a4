import "server-only";

import { sql } from "drizzle-orm";

import { ringTimeMs, talkTimeMs } from "@/lib/calls/durations";
import type { CallRecord, Generation } from "@/lib/calls/types";
import type { Db } from "@/lib/db/client";

// Writes into the record index. A batch of records goes to the database as ONE JSON parameter
// expanded with json_to_recordset: one round trip and one statement, whatever the batch size, on
// both PGlite and PostgreSQL.

/** Runs a statement on a Drizzle database or inside a transaction. */
export type Executor = Pick<Db, "execute">;

// The columns of a batch, in order. In the JSON a row's values go under short keys ("a", "b", …
// in this order), not under the column names: a first backfill sends a million rows, and the
// long names cost PostgreSQL about a tenth of its write CPU (74 against 66 ms per 1,000 calls).
const BATCH_COLUMNS = [
  ["call_id", "text"],
  ["result", "text"],
  ["media_type", "text"],
  ["call_type", "text"],
  ["caller", "text"],
  ["callees", "text[]"],
  ["started_at", "timestamptz"],
  ["accepted_at", "timestamptz"],
  ["ended_at", "timestamptz"],
  ["ring_seconds", "integer"],
  ["talk_seconds", "integer"],
  ["room_id", "text"],
  ["room_id_type", "integer"],
  ["chat_group_id", "text"],
  ["sources", "text[]"],
] as const;
const key = (i: number) => String.fromCharCode(97 + i);

/** A batch row: the values of BATCH_COLUMNS under the keys a, b, c, … */
type Row = {
  a: string;
  b: string;
  c: string;
  d: string;
  e: string;
  f: string[];
  g: string;
  h: string | null;
  i: string | null;
  j: number | null;
  k: number | null;
  l: string;
  m: number | null;
  n: string | null;
  o: string[];
};

const seconds = (ms: number | null) => (ms === null ? null : Math.floor(ms / 1000));

function toRow(r: CallRecord): Row {
  return {
    a: r.callId,
    b: r.result,
    c: r.mediaType,
    d: r.callType,
    e: r.caller,
    // The domain model promises this already; the index must hold it even if a mapper slips.
    // Sorted, as merges of v1 and v4 lists are, so one call always reads the same.
    f: [...new Set(r.callees)].filter((id) => id !== r.caller).sort(),
    g: r.startedAt,
    h: r.acceptedAt,
    i: r.endedAt,
    j: seconds(ringTimeMs(r)),
    k: seconds(talkTimeMs(r)),
    l: r.roomId,
    m: r.roomIdType,
    n: r.chatGroupId,
    o: [...r.sources].sort().reverse(), // "v4" before "v1"
  };
}

// `select a as call_id, b as result, … from json_to_recordset($1::json) as x(a text, b text, …)`
const ALIASES = sql.raw(BATCH_COLUMNS.map(([name], i) => `${key(i)} as ${name}`).join(", "));
const RECORDSET = sql.raw(
  `x(${BATCH_COLUMNS.map(([, type], i) => `${key(i)} ${type}`).join(", ")})`,
);

// When a row exists already, the copy that includes v4 wins field by field (v4 is the current
// API and carries RoomIdType); the other copy only fills gaps. Callee lists and sources are
// united. The start time and the caller are kept as first indexed (a missing caller is filled
// in): they key the call's participant rows, which must keep matching it. The WHERE keeps a
// re-read of an unchanged record from writing anything.
const PREFER_INCOMING_TEXT = `('v4' = any(excluded.sources) or not ('v4' = any(indexed_calls.sources)))`;
const PREFER_INCOMING = sql.raw(PREFER_INCOMING_TEXT);
const pick = (col: string) =>
  sql.raw(
    `${col} = case when ${PREFER_INCOMING_TEXT} then coalesce(excluded.${col}, indexed_calls.${col}) else coalesce(indexed_calls.${col}, excluded.${col}) end`,
  );

/**
 * Inserts or merges records (idempotent: writing the same records twice changes nothing). Returns
 * how many calls were inserted or changed. One statement: the batch is parsed once (json, which
 * parses faster than jsonb) and feeds both the calls and the participants.
 */
export async function upsertRecords(db: Executor, records: CallRecord[]): Promise<number> {
  if (records.length === 0) return 0;
  // In key order: the primary keys' B-trees are then walked page by page, not at random.
  const rows = records.map(toRow).sort((x, y) => (x.a < y.a ? -1 : x.a > y.a ? 1 : 0));
  const json = JSON.stringify(rows);
  const res = await db.execute(sql`
    with x as materialized (select ${ALIASES} from json_to_recordset(${json}::json) as ${RECORDSET}),
    changed as (
      insert into indexed_calls (call_id, result, media_type, call_type, caller, callees, started_at,
        accepted_at, ended_at, ring_seconds, talk_seconds, room_id, room_id_type, chat_group_id,
        sources, first_synced_at, last_synced_at)
      select x.call_id, x.result, x.media_type, x.call_type, x.caller, x.callees, x.started_at,
        x.accepted_at, x.ended_at, x.ring_seconds, x.talk_seconds, x.room_id, x.room_id_type,
        x.chat_group_id, x.sources, now(), now()
      from x
      on conflict (call_id) do update set
        ${sql.join(
          [
            "result",
            "media_type",
            "call_type",
            "accepted_at",
            "ended_at",
            "ring_seconds",
            "talk_seconds",
            "room_id",
            "room_id_type",
            "chat_group_id",
          ].map(pick),
          sql`, `,
        )},
        caller = case when indexed_calls.caller = '' then excluded.caller else indexed_calls.caller end,
        callees = array(select distinct unnest(indexed_calls.callees || excluded.callees) order by 1),
        sources = array(select distinct unnest(indexed_calls.sources || excluded.sources) order by 1 desc),
        last_synced_at = now()
      where not (excluded.sources <@ indexed_calls.sources)
        or not (excluded.callees <@ indexed_calls.callees)
        or (${PREFER_INCOMING} and (
          excluded.result is distinct from indexed_calls.result
          or excluded.ended_at is distinct from indexed_calls.ended_at
          or excluded.accepted_at is distinct from indexed_calls.accepted_at
          or excluded.room_id is distinct from indexed_calls.room_id))
      returning call_id, caller, callees, started_at),
    -- Participants of the calls just inserted or changed, as the calls table now has them: the
    -- caller and every callee, at the call's start time. A conflict means the row is already
    -- there; an unchanged call has all of its rows already and is not looked at.
    members as (
      insert into indexed_call_participants (call_id, user_id, role, started_at)
      select ch.call_id, u.user_id, u.role, ch.started_at
      from changed ch cross join lateral (
        select ch.caller, 'caller'
        union all
        select c, 'callee' from unnest(ch.callees) as c where c <> ch.caller) as u(user_id, role)
      where u.user_id <> ''
      on conflict do nothing)
    select count(*)::int as n from changed
  `);
  return rowsOf<{ n: number }>(res)[0]?.n ?? 0;
}

/** Row count of a RETURNING statement on either driver. */
export function rowCount(result: unknown): number {
  const r = result as { rows?: unknown[]; length?: number };
  return Array.isArray(r.rows) ? r.rows.length : Array.isArray(result) ? result.length : 0;
}

/** Rows of a select on either driver (node-postgres and PGlite both answer `{ rows }`). */
export function rowsOf<T>(result: unknown): T[] {
  const r = result as { rows?: T[] };
  return r.rows ?? (result as T[]);
}

/** How many indexed calls from one generation start in [from, to). */
export async function countIndexed(
  db: Executor,
  generation: Generation,
  from: Date,
  to: Date,
): Promise<number> {
  const res = await db.execute(sql`
    select count(*)::int as n from indexed_calls
    where started_at >= ${from.toISOString()}::timestamptz and started_at < ${to.toISOString()}::timestamptz
      and ${generation} = any(sources)`);
  return rowsOf<{ n: number }>(res)[0]?.n ?? 0;
}

/** Deletes calls that started before `cutoff`, in batches so no statement runs for long. */
export async function pruneBefore(db: Executor, cutoff: Date, batch = 5000): Promise<number> {
  let total = 0;
  for (;;) {
    const res = await db.execute(sql`
      with doomed as (
        select call_id, caller, callees, started_at from indexed_calls
        where started_at < ${cutoff.toISOString()}::timestamptz
        limit ${batch}),
      -- A call's participant rows by their key: its caller and each callee at its start time.
      -- (By the table's size the planner chooses between one scan of it and a probe per key.)
      keys as (select u.user_id, d.started_at, d.call_id
        from doomed d cross join lateral unnest(d.caller || d.callees) as u(user_id)),
      p as (delete from indexed_call_participants p using keys k
        where p.user_id = k.user_id and p.started_at = k.started_at and p.call_id = k.call_id),
      c as (delete from indexed_calls where call_id in (select call_id from doomed) returning 1)
      select count(*)::int as n from c`);
    const removed = rowsOf<{ n: number }>(res)[0]?.n ?? 0;
    total += removed;
    if (removed < batch) break;
  }
  return total;
}
