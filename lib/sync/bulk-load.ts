import "server-only";

import { sql } from "drizzle-orm";
import { getTableConfig, type PgTable } from "drizzle-orm/pg-core";

import type { Db } from "@/lib/db/client";
import { rowsOf, type Executor } from "@/lib/db/executor";
import { indexedCallParticipants, indexedCalls } from "@/lib/db/records-schema";
import { disabledRollupTriggers } from "@/lib/db/rollup-state";

import { rebuildInsightRollups, type RollupStep } from "./rollup-rebuild";

// The first backfill into an empty index disables the rollup triggers and drops read indexes,
// rebuilding both once at the end. PGlite drops all; PostgreSQL only those led by a user or room
// ID, whose keys land at random leaves (see bench/README.md). The state lives in the catalog.

const TABLES: PgTable[] = [indexedCalls, indexedCallParticipants];

// Names spliced into DDL: only plain lower-case identifiers (those print unquoted, too).
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

type DeferredIndex = { table: string; name: string; columns: string[] };

const RANDOM_ORDER_LEADS = new Set(["caller", "room_id"]);

export function indexesDeferredOn(driver: "pg" | "pglite"): DeferredIndex[] {
  const all = deferrableIndexes();
  return driver === "pglite" ? all : all.filter((i) => RANDOM_ORDER_LEADS.has(i.columns[0]!));
}

/** Only plain B-tree indexes on bare columns, so the schema's definition rebuilds them exactly. */
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
        out.push({ table: config.name, name: c.name, columns });
    }
  }
  return out;
}

/** A bare column as pg_get_indexdef prints it, or null for an expression or operator class. */
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

async function liveIndexes(db: Executor): Promise<Map<string, string>> {
  const names = deferrableIndexes().map((i) => i.name);
  const res = await db.execute(sql`
    select c.relname as name, pg_get_indexdef(c.oid) as def
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind = 'i' and n.nspname = current_schema()
      and c.relname = any(string_to_array(${names.join(",")}, ','))`);
  return new Map(rowsOf<{ name: string; def: string }>(res).map((r) => [r.name, r.def]));
}

function sameDefinition(def: string, index: DeferredIndex): boolean {
  const m = /^CREATE INDEX (\S+) ON (?:\S+\.)?(\S+) USING btree \((.*)\)$/.exec(
    def.replaceAll('"', ""),
  );
  return !!m && m[1] === index.name && m[2] === index.table && m[3] === index.columns.join(", ");
}

export async function inBulkLoad(db: Executor): Promise<boolean> {
  const live = await liveIndexes(db);
  if (deferrableIndexes().some((i) => !live.has(i.name))) return true;
  return (await disabledRollupTriggers(db)) > 0;
}

/** Locks both tables so nothing writes a call between the emptiness check and the switch. */
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

/** PostgreSQL: index builds and the remaining rollups in parallel, each in its own transaction. */
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

export async function finishBulkLoad(tx: Executor, options: { rollups: boolean }): Promise<void> {
  await tx.execute(sql`set local work_mem = '128MB'`);
  await tx.execute(sql`set local maintenance_work_mem = '128MB'`);
  for (const index of await missingIndexes(tx)) await tx.execute(createIndex(index));
  if ((await disabledRollupTriggers(tx)) > 0) {
    if (options.rollups) await rebuildInsightRollups(tx);
    await tx.execute(sql`alter table indexed_calls enable trigger user`);
  }
}
