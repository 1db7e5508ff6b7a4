import "server-only";

import { sql, type SQL } from "drizzle-orm";

import { ringTimeMs, talkTimeMs } from "@/lib/calls/durations";
import type { CallRecord, Generation } from "@/lib/calls/types";
import { rowsOf, type Executor } from "@/lib/db/executor";

// Writes into the record index. A batch of records goes to the database as one array parameter
// per column, read side by side with unnest(): one round trip and one statement, whatever the
// batch size, on both PGlite and PostgreSQL. Array literals are what PostgreSQL parses fastest
// here: json_to_recordset, used before, builds a hash table for every row's object, and a
// million-call backfill spent about a seventh of the database's CPU on it (a re-read of
// unchanged records cost 2.4 times as much as with arrays).

type Value = string | number | null;

// The columns of a batch, in order: name, SQL type, and the value a record gives it. The two
// list columns travel as one text array literal per row (unnest() cannot take ragged arrays of
// arrays) and are cast back to text[] row by row.
const BATCH_COLUMNS: [
  string,
  "text" | "text[]" | "timestamptz" | "integer",
  (r: CallRecord) => Value,
][] = [
  ["call_id", "text", (r) => r.callId],
  ["result", "text", (r) => r.result],
  ["media_type", "text", (r) => r.mediaType],
  ["call_type", "text", (r) => r.callType],
  ["caller", "text", (r) => r.caller],
  // The domain model promises this already; the index must hold it even if a mapper slips.
  // Sorted, as merges of v1 and v4 lists are, so one call always reads the same.
  [
    "callees",
    "text[]",
    (r) => arrayLiteral([...new Set(r.callees)].filter((id) => id !== r.caller).sort()),
  ],
  ["started_at", "timestamptz", (r) => r.startedAt],
  ["accepted_at", "timestamptz", (r) => r.acceptedAt],
  ["ended_at", "timestamptz", (r) => r.endedAt],
  ["ring_seconds", "integer", (r) => seconds(ringTimeMs(r))],
  ["talk_seconds", "integer", (r) => seconds(talkTimeMs(r))],
  ["room_id", "text", (r) => r.roomId],
  ["room_id_type", "integer", (r) => r.roomIdType],
  ["chat_group_id", "text", (r) => r.chatGroupId],
  ["sources", "text[]", (r) => arrayLiteral([...r.sources].sort().reverse())], // "v4" before "v1"
];

const seconds = (ms: number | null) => (ms === null ? null : Math.floor(ms / 1000));

const NEEDS_ESCAPE = /["\\]/;

/**
 * A PostgreSQL array literal: `{"a","b",NULL,3}`. Strings are always quoted (so commas, braces,
 * spaces and the word NULL stay data), with `"` and `\` escaped.
 */
function arrayLiteral(values: readonly Value[]): string {
  return `{${values.map(element).join(",")}}`;
}

function element(v: Value): string {
  if (v === null) return "NULL";
  if (typeof v === "number") return String(v);
  return NEEDS_ESCAPE.test(v) ? `"${v.replace(/["\\]/g, "\\$&")}"` : `"${v}"`;
}

// `select call_id, …, callees::text[], … from unnest($1::text[], $2::text[], …) as x(call_id, …)`
const UNNEST_COLUMNS = sql.raw(
  BATCH_COLUMNS.map(([name, type]) =>
    type === "text[]" ? `${name}::text[] as ${name}` : name,
  ).join(", "),
);
const UNNEST_ALIAS = sql.raw(`x(${BATCH_COLUMNS.map(([name]) => name).join(", ")})`);
// A list column's parameter is a text[] of literals, like a text column's.
const parameterType = (type: string) => sql.raw(type === "text[]" ? "text[]" : `${type}[]`);

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
 * how many calls were inserted or changed. One statement: the batch is parsed once and feeds both
 * the calls and the participants.
 */
export async function upsertRecords(db: Executor, records: CallRecord[]): Promise<number> {
  if (records.length === 0) return 0;
  // In key order: the primary keys' B-trees are then walked page by page, not at random.
  const sorted = [...records].sort((x, y) =>
    x.callId < y.callId ? -1 : x.callId > y.callId ? 1 : 0,
  );
  const columns = BATCH_COLUMNS.map(
    ([, type, value]) => sql`${arrayLiteral(sorted.map(value))}::${parameterType(type)}`,
  );
  try {
    return await writeBatch(db, columns, { trustNewCalls: true });
  } catch (error) {
    // A participant row left behind by a call deleted outside the console (by hand, say) would
    // make a new call's unchecked insert fail, and with it every later sync of that batch. The
    // statement is atomic, so nothing of it was written: write it again checking every row.
    // (Outside a transaction, as the sync writes; inside one the failed statement has ended it.)
    if (!isStrayParticipant(error)) throw error;
    return await writeBatch(db, columns, { trustNewCalls: false });
  }
}

function isStrayParticipant(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string; constraint?: string } })?.cause;
  return cause?.code === "23505" && cause.constraint === "indexed_call_participants_pk";
}

async function writeBatch(
  db: Executor,
  columns: SQL[],
  { trustNewCalls }: { trustNewCalls: boolean },
): Promise<number> {
  const unchecked = sql.raw(trustNewCalls ? "inserted" : "false");
  const res = await db.execute(sql`
    with x as (select ${UNNEST_COLUMNS} from unnest(${sql.join(columns, sql`, `)}) as ${UNNEST_ALIAS}),
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
      returning call_id, caller, callees, started_at, (xmax = 0) as inserted),
    -- Participants of the calls just inserted or changed, as the calls table now has them: the
    -- caller and every callee, at the call's start time. An unchanged call has all of its rows
    -- already and is not looked at. A call this statement inserted has none yet (participant rows
    -- come and go with their call), so its rows go in without a look for a conflict first: that
    -- look is a B-tree descent per row, about a tenth of the database's CPU in a backfill. (A
    -- row version this transaction created by insertion has xmax 0; one made by the update of a
    -- conflicting row carries the lock taken on it.) A changed call may gain callees: a conflict
    -- there means the row is already present.
    members as (
      select ch.call_id, u.user_id, u.role, ch.started_at, ch.inserted
      from changed ch cross join lateral (
        select ch.caller, 'caller'
        union all
        select c, 'callee' from unnest(ch.callees) as c where c <> ch.caller) as u(user_id, role)
      where u.user_id <> ''),
    new_members as (
      insert into indexed_call_participants (call_id, user_id, role, started_at)
      select call_id, user_id, role, started_at from members where ${unchecked}),
    more_members as (
      insert into indexed_call_participants (call_id, user_id, role, started_at)
      select call_id, user_id, role, started_at from members where not ${unchecked}
      on conflict do nothing)
    select count(*)::int as n from changed
  `);
  return rowsOf<{ n: number }>(res)[0]?.n ?? 0;
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
