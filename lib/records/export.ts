import "server-only";

import { sql, type SQL } from "drizzle-orm";

import type { Executor } from "@/lib/sync/store";
import { rowsOf } from "@/lib/sync/store";

import { csvHeader, csvLine, zoneFormatter, type ExportRow } from "./csv";
import { parseSort, type RecordFilters } from "./filters";
import { whereClause } from "./query";

// The whole filtered result, in the list's order, batch by batch. Keyset paging (each batch starts
// after the last row of the one before) instead of OFFSET: every batch costs the same however deep
// the export is, and no connection or transaction is held between batches, so the sync and other
// requests interleave with a long export on PGlite's single connection.

export const EXPORT_BATCH = 5_000;

type DbRow = {
  call_id: string;
  started_ms: number;
  started_key: string;
  accepted_ms: number | null;
  ended_ms: number | null;
  caller: string;
  /** Joined in SQL: parsing a text[] per row is the costliest part of reading rows from PGlite. */
  callees: string;
  call_type: string;
  media_type: string;
  result: string;
  ring_seconds: number | null;
  talk_seconds: number | null;
  room_id: string;
};

/**
 * Where the last batch ended. `key: null` means the nullable sort column has run out of values
 * and the rows without one are being read; `callId: null` there means from the first of them.
 */
type Cursor = { key: string | number | null; callId: string | null };

const ms = (col: string) => sql.raw(`(extract(epoch from ${col}) * 1000)::float8`);

const SORT_COLUMN = {
  startedAt: "started_at",
  ringSeconds: "ring_seconds",
  talkSeconds: "talk_seconds",
} as const;

/**
 * One batch in the list's order (`col dir nulls last, call_id dir`). The order is written without
 * NULLS LAST on purpose: a btree scanned backwards yields DESC NULLS FIRST, so "desc nulls last"
 * never matches an index and PostgreSQL sorts the whole table for every batch. Start time is never
 * null; ring and talk time can be, so they are read in two phases, the values and then the nulls,
 * which is the same order.
 */
function batchQuery(f: RecordFilters, cursor: Cursor | null, limit: number): SQL {
  const { field, descending } = parseSort(f.sort);
  const dir = descending ? "desc" : "asc";
  const cmp = sql.raw(descending ? "<" : ">");
  const table = f.user ? "p" : "c";
  const col = field === "startedAt" ? `${table}.started_at` : `c.${SORT_COLUMN[field]}`;
  const c = sql.raw(col);
  const nullable = field !== "startedAt";
  const inNulls = nullable && cursor !== null && cursor.key === null;

  let keyset: SQL;
  let order: SQL;
  if (inNulls) {
    keyset =
      cursor.callId === null
        ? sql`${c} is null`
        : sql`${c} is null and c.call_id ${cmp} ${cursor.callId}`;
    order = sql.raw(`c.call_id ${dir}`);
  } else {
    const cast = sql.raw(nullable ? "int" : "timestamptz");
    const after = cursor
      ? sql` and ${c} ${cmp}= ${cursor.key}::${cast} and (${c} ${cmp} ${cursor.key}::${cast} or c.call_id ${cmp} ${cursor.callId})`
      : sql``;
    keyset = sql`${nullable ? sql`${c} is not null` : sql`true`}${after}`;
    order = sql.raw(`${col} ${dir}, c.call_id ${dir}`);
  }
  const where = whereClause(f, sql.raw(`${table}.started_at`));
  // started_at as text is the exact cursor (microseconds survive; a float of milliseconds might not).
  const columns = sql`c.call_id, ${ms("c.started_at")} as started_ms, c.started_at::text as started_key,
    ${ms("c.accepted_at")} as accepted_ms, ${ms("c.ended_at")} as ended_ms, c.caller,
    array_to_string(c.callees, ';') as callees,
    c.call_type, c.media_type, c.result, c.ring_seconds, c.talk_seconds, c.room_id`;
  return f.user
    ? sql`select ${columns} from indexed_call_participants p join indexed_calls c on c.call_id = p.call_id
        where p.user_id = ${f.user} and ${where} and ${keyset} order by ${order} limit ${limit}`
    : sql`select ${columns} from indexed_calls c where ${where} and ${keyset} order by ${order} limit ${limit}`;
}

function toExportRow(r: DbRow): ExportRow {
  return {
    callId: r.call_id,
    startedMs: Number(r.started_ms),
    acceptedMs: r.accepted_ms === null ? null : Number(r.accepted_ms),
    endedMs: r.ended_ms === null ? null : Number(r.ended_ms),
    caller: r.caller,
    callees: r.callees === "" ? [] : r.callees.split(";"),
    callType: r.call_type,
    mediaType: r.media_type,
    result: r.result,
    ringSeconds: r.ring_seconds,
    talkSeconds: r.talk_seconds,
    roomId: r.room_id,
  };
}

/** Every record matching the filters (page and pageSize ignored), in batches, in the list's order. */
export async function* exportBatches(
  db: Executor,
  f: RecordFilters,
  batchSize = EXPORT_BATCH,
): AsyncGenerator<ExportRow[]> {
  const { field } = parseSort(f.sort);
  const nullable = field !== "startedAt";
  let cursor: Cursor | null = null;
  for (;;) {
    const rows: DbRow[] = rowsOf<DbRow>(await db.execute(batchQuery(f, cursor, batchSize)));
    if (rows.length > 0) yield rows.map(toExportRow);
    if (rows.length === batchSize) {
      const last: DbRow = rows[rows.length - 1]!;
      const key: string | number | null =
        field === "startedAt"
          ? last.started_key
          : field === "ringSeconds"
            ? last.ring_seconds
            : last.talk_seconds;
      cursor = { key, callId: last.call_id };
    } else if (nullable && cursor?.key !== null) {
      // The values have run out: the rows with no value follow, from the first one.
      cursor = { key: null, callId: null };
    } else {
      return;
    }
  }
}

/**
 * The export as a byte stream: the header row, then one line per call. Pull-based, so a slow
 * client slows the queries down instead of making rows pile up in memory.
 */
export function exportCsvStream(
  db: Executor,
  f: RecordFilters,
  zone: string,
  options: {
    batchSize?: number;
    onError?: (error: unknown) => void;
    onDone?: (rows: number) => void;
  } = {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const format = zoneFormatter(zone);
  let batches: AsyncGenerator<ExportRow[]> | null = null;
  let rows = 0;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(`${csvHeader(zone)}\r\n`));
      },
      async pull(controller) {
        batches ??= exportBatches(db, f, options.batchSize);
        try {
          const next = await batches.next();
          if (next.done) {
            options.onDone?.(rows);
            controller.close();
            return;
          }
          rows += next.value.length;
          let text = "";
          for (const r of next.value) text += `${csvLine(r, format)}\r\n`;
          controller.enqueue(encoder.encode(text));
        } catch (error) {
          // Headers are gone already; all that is left is to break the download off, visibly.
          options.onError?.(error);
          controller.error(error);
        }
      },
      async cancel() {
        await batches?.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}
