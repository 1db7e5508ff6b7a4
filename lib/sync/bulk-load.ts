import "server-only";

import { sql } from "drizzle-orm";
import { getTableConfig, type PgTable } from "drizzle-orm/pg-core";

import type { Db } from "@/lib/db/client";
import { rowsOf, type Executor } from "@/lib/db/executor";
import { indexedCallParticipants, indexedCalls } from "@/lib/db/records-schema";
import { disabledRollupTriggers } from "@/lib/db/rollup-state";

import { rebuildInsightRollups, type RollupStep } from "./rollup-rebuild";

// Bulk load: the first backfill into an EMPTY index skips the per-row work a database does
// better in one go at the end. While it runs, the insight rollup triggers are disabled (one
// set-based rebuild at the end instead of an aggregation per batch) and read indexes of the
// record index are dropped, to be built by a sort at the end. Which ones depends on the database:
// - PGlite drops them all. It has a single database thread (lib/db/pglite-thread.ts), already
//   busy with the writes while the fetch runs: keeping its indexes was measured slower there
//   (2.28× the rate-limit floor at 1M calls, against 1.91× with the sorted build at the end).
// - PostgreSQL drops only the indexes led by a user or room ID. Backfilled rows arrive in time
//   order, so an index led by the start time or by one of a handful of values (result, call
//   type, media, a duration in seconds) takes each new key at one of a few right-hand edges whose
//   pages stay cached; one led by a user or room ID takes each at a random leaf of a B-tree far
//   larger than the buffer cache. At 1M calls: PostgreSQL's CPU 72 → 53 s and 1.50× → 1.37× the
//   floor; dropping all eight was 1.55×, since the builds at the end have nothing to overlap with.
// Primary keys stay either way, so every write is still an idempotent upsert.
//
// Crash safety: the bulk state lives in the database catalog itself (a disabled trigger or a
// missing read index on indexed_calls), never in memory. `finishBulkLoad` is one transaction
// that recreates what is missing, rebuilds the rollups and re-enables the triggers, run in the
// same transaction as the checkpoint that marks the backfill done; a crash anywhere before its
// commit leaves the bulk state in place, and the next pass resumes the backfill and finishes it.

const TABLES: PgTable[] = [indexedCalls, indexedCallParticipants];

// Names spliced into DDL: only plain lower-case identifiers (those print unquoted, too).
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

type DeferredIndex = { table: string; name: string; columns: string[] };

/** Leading columns whose values arrive in random order during a backfill (see above). */
const RANDOM_ORDER_LEADS = new Set(["caller", "room_id"]);

/** The read indexes a bulk load on `driver` drops and builds again at its end. */
export function indexesDeferredOn(driver: "pg" | "pglite"): DeferredIndex[] {
  const all = deferrableIndexes();
  return driver === "pglite" ? all : all.filter((i) => RANDOM_ORDER_LEADS.has(i.columns[0]!));
}

/**
 * The read indexes the schema declares that a bulk load may drop: plain non-unique B-tree
 * indexes on bare columns (anything fancier is simply maintained row by row, as usual), so the
 * definition in the schema is enough to build them again exactly.
 */
export function deferrableIndexes(): DeferredIndex[] {
  const out: DeferredIndex[] = [];
  for (const table of TABLES) {
    const config = getTableConfig(table);
    for (const index of config.indexes) {
      const c = index.config;
      if (c.unique || c.where || (c.method && c.method !== "btree") || c.with) continue;
      if (!c.name || !IDENTIFIER.test(c.name)) continue;
      const columns: string[] = [];
      for (const column of c.columns) {
        const key = columnKey(column);
        if (key === null) break;
        columns.push(key);
      }
      if (columns.length === c.columns.length)
        out.push({ table: config.name, name: c.name!, columns });
    }
  }
  return out;
}

/**
 * A bare column as PostgreSQL's pg_get_indexdef prints it ("started_at", "talk_seconds DESC",
 * "x NULLS FIRST"), or null for an expression or an operator class.
 */
function columnKey(column: unknown): string | null {
  if (
    !column ||
    typeof column !== "object" ||
    !("name" in column) ||
    typeof column.name !== "string"
  ) {
    return null;
  }
  if (!IDENTIFIER.test(column.name)) return null;
  const config = ((column as { indexConfig?: unknown }).indexConfig ?? {}) as {
    order?: string;
    nulls?: string;
    opClass?: string;
  };
  if (config.opClass !== undefined) return null;
  const desc = config.order === "desc";
  // NULLS LAST is the default ascending, NULLS FIRST descending; only the other is printed.
  const nulls = config.nulls ?? (desc ? "first" : "last");
  const defaultNulls = desc ? "first" : "last";
  return `${column.name}${desc ? " DESC" : ""}${nulls === defaultNulls ? "" : ` NULLS ${nulls.toUpperCase()}`}`;
}

/** The live definitions of the deferrable indexes that exist, by name. */
async function liveIndexes(db: Executor): Promise<Map<string, string>> {
  const names = deferrableIndexes().map((i) => i.name);
  const res = await db.execute(sql`
    select c.relname as name, pg_get_indexdef(c.oid) as def
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind = 'i' and n.nspname = current_schema()
      and c.relname = any(string_to_array(${names.join(",")}, ','))`);
  return new Map(rowsOf<{ name: string; def: string }>(res).map((r) => [r.name, r.def]));
}

/** True when the live index is exactly what the schema declares (so rebuilding it is exact). */
function sameDefinition(def: string, index: DeferredIndex): boolean {
  const m = /^CREATE INDEX (\S+) ON (?:\S+\.)?(\S+) USING btree \((.*)\)$/.exec(
    def.replaceAll('"', ""),
  );
  return !!m && m[1] === index.name && m[2] === index.table && m[3] === index.columns.join(", ");
}

/** True while a bulk load has left its marks (a read index missing or a trigger disabled). */
export async function inBulkLoad(db: Executor): Promise<boolean> {
  const live = await liveIndexes(db);
  if (deferrableIndexes().some((i) => !live.has(i.name))) return true;
  return (await disabledRollupTriggers(db)) > 0;
}

/**
 * Switches to bulk loading if the index is empty (or resumes a bulk load a crash interrupted).
 * Returns whether the backfill is a bulk load. One transaction, under a lock that keeps anything
 * else from writing a call between the emptiness check and the switch.
 */
export async function startBulkLoad(db: Db, driver: "pg" | "pglite"): Promise<boolean> {
  if (await inBulkLoad(db)) return true;
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`lock table indexed_calls, indexed_call_participants in share row exclusive mode`,
    );
    const res = await tx.execute(sql`
      select not exists (select 1 from indexed_calls) and not exists (select 1 from indexed_call_participants) as empty`);
    if (!rowsOf<{ empty: boolean }>(res)[0]?.empty) return false;
    const live = await liveIndexes(tx);
    for (const index of indexesDeferredOn(driver)) {
      const def = live.get(index.name);
      if (def !== undefined && sameDefinition(def, index)) {
        await tx.execute(sql.raw(`drop index ${index.name}`));
      }
    }
    await tx.execute(sql`alter table indexed_calls disable trigger user`);
    // Derived from the calls, so empty already; cleared so that rolling up the backfilled hours
    // leaves nothing behind from before.
    await tx.execute(sql`delete from insight_slots`);
    await tx.execute(sql`delete from insight_durations`);
    await tx.execute(sql`delete from insight_failed_users`);
    return true;
  });
}

async function missingIndexes(db: Executor): Promise<DeferredIndex[]> {
  const live = await liveIndexes(db);
  return deferrableIndexes().filter((i) => !live.has(i.name));
}

const createIndex = (index: DeferredIndex) =>
  sql.raw(
    `create index if not exists ${index.name} on ${index.table} using btree (${index.columns.join(", ")})`,
  );

/**
 * PostgreSQL: the heavy part of ending a bulk load, spread over connections at once, each piece
 * in its own transaction: every read index the bulk load dropped built on its own connection
 * (`if not exists`), and beside them `rollups`, the rollup rows the backfill has not written yet
 * (it rolls up hour by hour as it goes, see rollUpHours). While the triggers stay off nothing else
 * writes the rollups, and readers use the calls (see lib/db/rollup-state.ts); the caller then ends
 * the bulk load with `rollups: false`. Cut short, the next pass finds the bulk state and finishes
 * what is left.
 */
export async function finishBulkLoadApart(db: Db, rollups: RollupStep): Promise<void> {
  const indexes = (await missingIndexes(db)).map((index) =>
    db.transaction(async (tx) => {
      await tx.execute(sql`set local maintenance_work_mem = '128MB'`);
      await tx.execute(createIndex(index));
    }),
  );
  const rest = db.transaction(async (tx) => {
    await tx.execute(sql`set local work_mem = '128MB'`);
    await rollups(tx);
  });
  await Promise.all([...indexes, rest]);
}

/**
 * Ends a bulk load inside the caller's transaction: builds the read indexes the bulk load dropped
 * (none are left when the caller ran finishBulkLoadApart), rebuilds the insight rollups from
 * indexed_calls (unless the caller has done it on other connections), then re-enables the
 * triggers. Idempotent.
 */
export async function finishBulkLoad(tx: Executor, options: { rollups: boolean }): Promise<void> {
  // For this transaction only: the rollups group millions of rows (hash tables that spill to
  // disk at the default 4 MB), and each index build sorts a million keys.
  await tx.execute(sql`set local work_mem = '128MB'`);
  await tx.execute(sql`set local maintenance_work_mem = '128MB'`);
  for (const index of await missingIndexes(tx)) await tx.execute(createIndex(index));
  if ((await disabledRollupTriggers(tx)) > 0) {
    if (options.rollups) await rebuildInsightRollups(tx);
    await tx.execute(sql`alter table indexed_calls enable trigger user`);
  }
}
