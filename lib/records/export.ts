import "server-only";

import { sql, type SQL } from "drizzle-orm";

import { rowsOf, type Executor } from "@/lib/db/executor";

import { csvHeader } from "./csv";
import { csvLineSql } from "./csv-sql";
import type { RecordFilters } from "./filters";
import { walkStart, keysetRuns, keyTimeSql, pinnedSource, type Position, type Run } from "./keyset";
import { parseSort } from "./sort";
import { SORT_COLUMN } from "./where";

// Keyset paging, not OFFSET: each batch costs the same however deep, and no connection is held
// between batches, so other work interleaves on PGlite's single connection. The file is the index
// as the export began: calls the sync adds meanwhile are left out, as in a paged walk.

export const EXPORT_BATCH = 10_000;

export type ExportBatch = { text: string; rows: number };

type BatchRow = { text: string; rows: number; key: string | number | null; call_id: string };

function batchQuery(from: SQL, run: Run, zone: string, key: string, limit: number): SQL {
  // The batch's text is attached to the last row only, so the large value is not copied into
  // every row.
  return sql`with b as (
      select ${csvLineSql(zone)} as line, ${sql.raw(key)} as key, c.call_id,
        row_number() over (order by ${run.order}) as n
      from ${from} and ${run.where} order by ${run.order} limit ${limit}),
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
  const { snapshot } = await walkStart(db);
  const { from, table } = pinnedSource(f, snapshot);
  const { field } = parseSort(f.sort);
  const key = field === "startedAt" ? keyTimeSql(`${table}.started_at`) : `c.${SORT_COLUMN[field]}`;
  let at: Position | null = null;
  for (;;) {
    let last: BatchRow | undefined;
    // The first range of the walk from here that still has rows: a nullable sort's values, then
    // the calls without one.
    for (const run of keysetRuns(f, table, at)) {
      const result: unknown = await db.execute(batchQuery(from, run, zone, key, batchSize));
      last = rowsOf<BatchRow>(result)[0];
      if (last && last.rows > 0) break;
    }
    if (!last || !(last.rows > 0)) return;
    yield { text: last.text, rows: last.rows };
    at = { key: last.key, callId: last.call_id };
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
