import "server-only";

import { sql, type SQL } from "drizzle-orm";

import { ringTimeMs, talkTimeMs } from "@/lib/calls/durations";
import type { CallRecord, Generation } from "@/lib/calls/types";
import { arrayLiteral, type ArrayValue } from "@/lib/db/array-literal";
import { rowsOf, type Executor } from "@/lib/db/executor";

// One array literal per column, read with unnest(): one statement per batch, cheap to parse.

type Value = ArrayValue;

// List columns travel as one text array literal per row (unnest() cannot take ragged arrays).
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

const UNNEST_COLUMNS = sql.raw(
  BATCH_COLUMNS.map(([name, type]) =>
    type === "text[]" ? `${name}::text[] as ${name}` : name,
  ).join(", "),
);
const UNNEST_ALIAS = sql.raw(`x(${BATCH_COLUMNS.map(([name]) => name).join(", ")})`);
const parameterType = (type: string) => sql.raw(type === "text[]" ? "text[]" : `${type}[]`);

// On conflict the copy that includes v4 wins field by field and the other only fills gaps. Start
// time and caller stay as first indexed: they key the participant rows.
const PREFER_INCOMING_TEXT = `('v4' = any(excluded.sources) or not ('v4' = any(indexed_calls.sources)))`;
const PREFER_INCOMING = sql.raw(PREFER_INCOMING_TEXT);
const pick = (col: string) =>
  sql.raw(
    `${col} = case when ${PREFER_INCOMING_TEXT} then coalesce(excluded.${col}, indexed_calls.${col}) else coalesce(indexed_calls.${col}, excluded.${col}) end`,
  );

export async function upsertRecords(db: Executor, records: CallRecord[]): Promise<number> {
  if (records.length === 0) return 0;
  const sorted = [...records].sort((x, y) =>
    x.callId < y.callId ? -1 : x.callId > y.callId ? 1 : 0,
  );
  const columns = BATCH_COLUMNS.map(
    ([, type, value]) => sql`${arrayLiteral(sorted.map(value))}::${parameterType(type)}`,
  );
  try {
    return await writeBatch(db, columns, { trustNewCalls: true });
  } catch (error) {
    // A participant row left by a call deleted outside the console fails the unchecked insert;
    // the statement is atomic (the sync writes outside a transaction), so retry checking every row.
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
