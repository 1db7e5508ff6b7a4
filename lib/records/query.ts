import "server-only";

import { sql, type SQL } from "drizzle-orm";

import type { QualityVerdict } from "@/lib/calls/quality";
import type { CallRecord, Generation } from "@/lib/calls/types";
import { rowsOf, type Executor } from "@/lib/db/executor";

import { parseSort, type RecordFilters } from "./filters";
import { rollupCountable, rollupTotalSql } from "./total";
import { sharedWith, SORT_COLUMN, source, whereClause } from "./where";

export type IndexedRecord = CallRecord & {
  /** The call's quality verdict once fetched (lib/quality), else null. */
  quality: QualityVerdict | null;
  ringSeconds: number | null;
  talkSeconds: number | null;
  lastSyncedAt: string;
};

export type RecordsPage = { items: IndexedRecord[]; total: number; page: number; pageSize: number };

const ms = (col: string) => sql.raw(`(extract(epoch from ${col}) * 1000)::float8`);

// Epoch milliseconds, so both drivers give numbers whatever the server's time zone.
const COLUMNS = sql`c.call_id, c.result, c.media_type, c.call_type, c.caller, c.callees,
  ${ms("c.started_at")} as started_ms, ${ms("c.accepted_at")} as accepted_ms,
  ${ms("c.ended_at")} as ended_ms, c.ring_seconds, c.talk_seconds, c.room_id, c.room_id_type,
  c.chat_group_id, c.sources, ${ms("c.first_synced_at")} as first_synced_ms,
  ${ms("c.last_synced_at")} as last_synced_ms,
  (select q.verdict from call_quality q where q.call_id = c.call_id) as quality`;

type DbRow = {
  call_id: string;
  result: string;
  media_type: string;
  call_type: string;
  caller: string;
  callees: string[] | string;
  started_ms: number;
  accepted_ms: number | null;
  ended_ms: number | null;
  ring_seconds: number | null;
  talk_seconds: number | null;
  room_id: string;
  room_id_type: number | null;
  chat_group_id: string | null;
  sources: string[] | string;
  first_synced_ms: number;
  last_synced_ms: number;
  quality: QualityVerdict | null;
};

const iso = (v: number | null) => (v === null ? null : new Date(Number(v)).toISOString());

const arr = (v: string[] | string): string[] =>
  Array.isArray(v)
    ? v
    : v
        .replace(/^\{|\}$/g, "")
        .split(",")
        .filter(Boolean);

function toRecord(r: DbRow): IndexedRecord {
  return {
    callId: r.call_id,
    result: r.result,
    quality: r.quality ?? null,
    mediaType: r.media_type,
    callType: r.call_type,
    caller: r.caller,
    callees: arr(r.callees),
    startedAt: iso(r.started_ms)!,
    acceptedAt: iso(r.accepted_ms),
    endedAt: iso(r.ended_ms),
    ringSeconds: r.ring_seconds,
    talkSeconds: r.talk_seconds,
    roomId: r.room_id,
    roomIdType: r.room_id_type,
    chatGroupId: r.chat_group_id,
    sources: arr(r.sources) as Generation[],
    lastSyncedAt: iso(r.last_synced_ms)!,
  };
}

function onlyUserAndTime(f: RecordFilters): boolean {
  return (
    !f.result?.length &&
    !f.type &&
    !f.media &&
    !f.room &&
    !f.quality &&
    [f.ringMin, f.ringMax, f.talkMin, f.talkMax].every((v) => v === undefined)
  );
}

async function select(db: Executor, query: SQL): Promise<IndexedRecord[]> {
  return rowsOf<DbRow>(await db.execute(query)).map(toRecord);
}

async function count(db: Executor, query: SQL): Promise<number> {
  return rowsOf<{ n: number }>(await db.execute(query))[0]?.n ?? 0;
}

// Pages match an index order exactly. Nullable sorts read the calls with a value, then (if the
// page is not full) those without: "desc nulls last" never matches a B-tree, so it would sort.
async function pageItems(db: Executor, f: RecordFilters, offset: number): Promise<IndexedRecord[]> {
  const { from, table } = source(f);
  const { field, descending } = parseSort(f.sort);
  const dir = descending ? "desc" : "asc";
  const limit = f.pageSize;
  if (field === "startedAt") {
    const order = sql.raw(`${table}.started_at ${dir}, ${table}.call_id ${dir}`);
    return select(
      db,
      sql`select ${COLUMNS} from ${from} order by ${order} limit ${limit} offset ${offset}`,
    );
  }
  const col = sql.raw(`c.${SORT_COLUMN[field]}`);
  const valued = await select(
    db,
    sql`select ${COLUMNS} from ${from} and ${col} is not null
      order by ${col} ${sql.raw(dir)}, c.call_id ${sql.raw(dir)} limit ${limit} offset ${offset}`,
  );
  if (valued.length === limit) return valued;
  const valuedTotal =
    valued.length > 0 || offset === 0
      ? offset + valued.length
      : await count(db, sql`select count(*)::int as n from ${from} and ${col} is not null`);
  const rest = await select(
    db,
    sql`select ${COLUMNS} from ${from} and ${col} is null
      order by c.call_id ${sql.raw(dir)} limit ${limit - valued.length} offset ${offset + valued.length - valuedTotal}`,
  );
  return [...valued, ...rest];
}

function totalSql(f: RecordFilters): SQL {
  if (rollupCountable(f)) return rollupTotalSql(f);
  if (f.user && onlyUserAndTime(f)) {
    return sql`select count(*)::int as n from indexed_call_participants p
      where p.user_id = ${f.user} and ${sharedWith(f)}
        and ${whereClause(f, sql.raw("p.started_at"))}`;
  }
  return sql`select count(*)::int as n from ${source(f).from}`;
}

export async function listIndexedRecords(db: Executor, f: RecordFilters): Promise<RecordsPage> {
  const offset = (f.page - 1) * f.pageSize;
  // Sequential: PGlite runs one statement at a time, and the PostgreSQL pool is shared with the sync.
  const items = await pageItems(db, f, offset);
  const total = await count(db, totalSql(f));
  return { items, total, page: f.page, pageSize: f.pageSize };
}

export type ArchivedCall = {
  record: IndexedRecord;
  firstSyncedAt: string;
  lastSyncedAt: string;
  sources: Generation[];
  archived: true;
};

export async function findIndexedCall(db: Executor, callId: string): Promise<ArchivedCall | null> {
  const rows = rowsOf<DbRow>(
    await db.execute(sql`select ${COLUMNS} from indexed_calls c where c.call_id = ${callId}`),
  );
  const row = rows[0];
  if (!row) return null;
  const record = toRecord(row);
  return {
    record,
    firstSyncedAt: iso(row.first_synced_ms)!,
    lastSyncedAt: record.lastSyncedAt,
    sources: record.sources,
    archived: true,
  };
}
