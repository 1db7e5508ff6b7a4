import "server-only";

import { sql, type SQL } from "drizzle-orm";

import { rowsOf, type Executor } from "@/lib/db/executor";

import { csvHeader } from "./csv";
import { csvLineSql } from "./csv-sql";
import { parseSort, type RecordFilters } from "./filters";
import { SORT_COLUMN, source } from "./where";

// Keyset paging, not OFFSET: each batch costs the same however deep, and no connection is held
// between batches, so other work interleaves on PGlite's single connection.

export const EXPORT_BATCH = 10_000;

export type ExportBatch = { text: string; rows: number };

/** `key: null`: the nullable sort column has run out and the rows without one are being read. */
type Cursor = { key: string | number | null; callId: string | null };

type BatchRow = { text: string; rows: number; key: string | number | null; call_id: string };

// No NULLS LAST in the order: a backward B-tree scan yields DESC NULLS FIRST, so it would never
// match an index. Nullable columns are read in two phases instead, the values and then the nulls.
function batchQuery(f: RecordFilters, zone: string, cursor: Cursor | null, limit: number): SQL {
  const { field, descending } = parseSort(f.sort);
  const dir = descending ? "desc" : "asc";
  const cmp = sql.raw(descending ? "<" : ">");
  const { from, table } = source(f);
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
  // started_at as text keeps microseconds for the cursor. The batch's text is attached to the last
  // row only, so the large value is not copied into every row.
  const key = sql.raw(field === "startedAt" ? `${col}::text` : col);
  return sql`with b as (
      select ${csvLineSql(zone)} as line, ${key} as key, c.call_id,
        row_number() over (order by ${order}) as n
      from ${from} and ${keyset} order by ${order} limit ${limit}),
    l as (select n, key, call_id from b order by n desc limit 1)
    select (select string_agg(line, E'\r\n' order by n) from b) as text, l.n::int as rows, l.key, l.call_id
    from l`;
}

export async function* exportBatches(
  db: Executor,
  f: RecordFilters,
  zone: string,
  batchSize = EXPORT_BATCH,
): AsyncGenerator<ExportBatch> {
  const { field } = parseSort(f.sort);
  const nullable = field !== "startedAt";
  let cursor: Cursor | null = null;
  for (;;) {
    const result: unknown = await db.execute(batchQuery(f, zone, cursor, batchSize));
    const last: BatchRow | undefined = rowsOf<BatchRow>(result)[0];
    const rows = last?.rows ?? 0;
    if (last && rows > 0) yield { text: last.text, rows };
    if (last && rows === batchSize) {
      cursor = { key: last.key, callId: last.call_id };
    } else if (nullable && cursor?.key !== null) {
      cursor = { key: null, callId: null };
    } else {
      return;
    }
  }
}

/**
 * Runs the first batch before anything is sent, so a query the database refuses still gets an
 * error answer instead of a cut download. Pull-based after that: a slow client slows the queries
 * instead of piling rows up in memory. A later failure ends the file with `incompleteLine`.
 */
export async function openCsvExport(
  db: Executor,
  f: RecordFilters,
  zone: string,
  options: {
    batchSize?: number;
    incompleteLine?: (rows: number) => string;
    onError?: (error: unknown) => void;
    onDone?: (rows: number) => void;
  } = {},
): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  const batches = exportBatches(db, f, zone, options.batchSize);
  let pending: IteratorResult<ExportBatch> | null = await batches.next();
  let rows = 0;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(`${csvHeader(zone)}\r\n`));
      },
      async pull(controller) {
        try {
          const next = pending ?? (await batches.next());
          pending = null;
          if (next.done) {
            options.onDone?.(rows);
            controller.close();
            return;
          }
          rows += next.value.rows;
          controller.enqueue(encoder.encode(`${next.value.text}\r\n`));
        } catch (error) {
          options.onError?.(error);
          const line = options.incompleteLine?.(rows) ?? `# EXPORT INCOMPLETE after ${rows} rows`;
          controller.enqueue(encoder.encode(`${line}\r\n`));
          controller.close();
        }
      },
      async cancel() {
        await batches.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}
