import "server-only";

import { sql, type SQL } from "drizzle-orm";

import type { QualityVerdict } from "@/lib/calls/quality";
import type { CallRecord, Generation } from "@/lib/calls/types";
import { rowsOf, type Executor } from "@/lib/db/executor";

import { encodeCursor } from "./cursor";
import type { RecordFilters } from "./filters";
import {
  keysetRuns,
  keyTimeSql,
  pinnedSource,
  unseenSource,
  walkStart,
  type Position,
  type WalkStart,
} from "./keyset";
import { parseSort } from "./sort";
import { rollupCountable, rollupTotalSql } from "./total";
import { sharedWith, SORT_COLUMN, source, whereClause } from "./where";

export type IndexedRecord = CallRecord & {
  /** The call's quality verdict once fetched (lib/quality), else null. */
  quality: QualityVerdict | null;
  ringSeconds: number | null;
  talkSeconds: number | null;
  lastSyncedAt: string;
};

export type RecordsPage = {
  items: IndexedRecord[];
  total: number;
  page: number;
  pageSize: number;
  /** Continues after this page (null: this is the last); pass it back as `cursor`. */
  nextCursor: string | null;
  /** The page before this one (null: this is the first). */
  prevCursor: string | null;
  /** When the walk began: calls indexed since are not in its pages or its total. */
  asOf: string;
};

const ms = (col: string) => sql.raw(`(extract(epoch from ${col}) * 1000)::float8`);

// Epoch milliseconds, so both drivers give numbers whatever the server's time zone.
const COLUMNS = sql`c.call_id, c.result, c.media_type, c.call_type, c.caller, c.callees,
  ${ms("c.started_at")} as started_ms, ${ms("c.accepted_at")} as accepted_ms,
  ${ms("c.ended_at")} as ended_ms, c.ring_seconds, c.talk_seconds, c.room_id, c.room_id_type,
  c.chat_group_id, c.sources, ${ms("c.first_synced_at")} as first_synced_ms,
  ${ms("c.last_synced_at")} as last_synced_ms, ${sql.raw(keyTimeSql("c.started_at"))} as started_key,
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
  started_key: string;
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

async function select(db: Executor, query: SQL): Promise<DbRow[]> {
  return rowsOf<DbRow>(await db.execute(query));
}

async function count(db: Executor, query: SQL): Promise<number> {
  return rowsOf<{ n: number }>(await db.execute(query))[0]?.n ?? 0;
}

type Walk = WalkStart & { db: Executor; f: RecordFilters; from: SQL; table: "c" | "p" };

// Pages match an index order exactly. Nullable sorts read the calls with a value, then (if the
// page is not full) those without: "desc nulls last" never matches a B-tree, so it would sort.
async function offsetRows(w: Walk, offset: number, limit: number): Promise<DbRow[]> {
  const { from, table, f } = w;
  const { field, descending } = parseSort(f.sort);
  const dir = descending ? "desc" : "asc";
  if (field === "startedAt") {
    const order = sql.raw(`${table}.started_at ${dir}, ${table}.call_id ${dir}`);
    return select(
      w.db,
      sql`select ${COLUMNS} from ${from} order by ${order} limit ${limit} offset ${offset}`,
    );
  }
  const col = sql.raw(`c.${SORT_COLUMN[field]}`);
  const valued = await select(
    w.db,
    sql`select ${COLUMNS} from ${from} and ${col} is not null
      order by ${col} ${sql.raw(dir)}, c.call_id ${sql.raw(dir)} limit ${limit} offset ${offset}`,
  );
  if (valued.length === limit) return valued;
  const valuedTotal =
    valued.length > 0 || offset === 0
      ? offset + valued.length
      : await count(w.db, sql`select count(*)::int as n from ${from} and ${col} is not null`);
  const rest = await select(
    w.db,
    sql`select ${COLUMNS} from ${from} and ${col} is null
      order by c.call_id ${sql.raw(dir)} limit ${limit - valued.length} offset ${offset + valued.length - valuedTotal}`,
  );
  return [...valued, ...rest];
}

/** Up to `limit` rows after `at` in the walk's order (walking back: before it, nearest first). */
async function keysetRows(
  w: Walk,
  at: Position | null,
  backward: boolean,
  limit: number,
): Promise<DbRow[]> {
  const out: DbRow[] = [];
  for (const run of keysetRuns(w.f, w.table, at, backward)) {
    if (out.length >= limit) break;
    out.push(
      ...(await select(
        w.db,
        sql`select ${COLUMNS} from ${w.from} and ${run.where} order by ${run.order}
          limit ${limit - out.length}`,
      )),
    );
  }
  return out;
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

// The fast total (rollups, participant keys) less the few calls indexed since the walk began, in
// one statement so both parts see the same moment.
const pinnedTotalSql = (f: RecordFilters, snapshot: string) =>
  sql`select ((${totalSql(f)}) - (select count(*) from ${unseenSource(f, snapshot)}))::int as n`;

function positionOf(row: DbRow, f: RecordFilters): Position {
  const { field } = parseSort(f.sort);
  const key =
    field === "startedAt"
      ? row.started_key
      : field === "ringSeconds"
        ? row.ring_seconds
        : row.talk_seconds;
  return { key, callId: row.call_id };
}

function cursorAt(w: Walk, row: DbRow, page: number, backward: boolean): string {
  const { key, callId } = positionOf(row, w.f);
  return encodeCursor({
    v: 1,
    s: w.f.sort,
    k: key,
    i: callId,
    a: w.snapshot,
    t: w.asOf,
    p: page,
    ...(backward ? { b: true } : {}),
  });
}

/** This page's rows, its number, and whether more follow. */
async function readPage(w: Walk): Promise<{ rows: DbRow[]; page: number; more: boolean }> {
  const { f } = w;
  const size = f.pageSize;
  const cursor = f.cursor;
  if (cursor?.b) {
    const at = { key: cursor.k, callId: cursor.i };
    const before = await keysetRows(w, at, true, size + 1);
    // Back at the start: the first page as it reads forward, whole.
    if (before.length > size)
      return { rows: before.slice(0, size).reverse(), page: cursor.p, more: true };
  } else if (cursor) {
    const rows = await keysetRows(w, { key: cursor.k, callId: cursor.i }, false, size + 1);
    return { rows: rows.slice(0, size), page: cursor.p, more: rows.length > size };
  } else if (f.page > 1) {
    const rows = await offsetRows(w, (f.page - 1) * size, size + 1);
    return { rows: rows.slice(0, size), page: f.page, more: rows.length > size };
  }
  const rows = await keysetRows(w, null, false, size + 1);
  return { rows: rows.slice(0, size), page: 1, more: rows.length > size };
}

export async function listIndexedRecords(db: Executor, f: RecordFilters): Promise<RecordsPage> {
  // Sequential: PGlite runs one statement at a time, and the PostgreSQL pool is shared with the sync.
  const start = f.cursor ? { snapshot: f.cursor.a, asOf: f.cursor.t } : await walkStart(db);
  const w: Walk = { db, f, ...start, ...pinnedSource(f, start.snapshot) };
  const { rows, page, more } = await readPage(w);
  const total = await count(db, pinnedTotalSql(f, start.snapshot));
  const first = rows[0];
  const last = rows.at(-1);
  return {
    items: rows.map(toRecord),
    total,
    page,
    pageSize: f.pageSize,
    nextCursor: more && last ? cursorAt(w, last, page + 1, false) : null,
    prevCursor: page > 1 && first ? cursorAt(w, first, page - 1, true) : null,
    asOf: w.asOf,
  };
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
