import "server-only";

import { sql } from "drizzle-orm";

import { rowsOf, type Executor } from "@/lib/db/executor";

// Whether the insight rollups (lib/db/insights-schema.ts) equal the calls. A bulk load
// (lib/sync/bulk-load.ts) disables their triggers until it ends; readers of the rollups check here.

/** One row per disabled trigger on indexed_calls: the rollups lag the calls while there is one. */
export const ROLLUP_TRIGGERS_OFF = sql`select 1 from pg_trigger
  where tgrelid = 'indexed_calls'::regclass and not tgisinternal and tgenabled = 'D'`;

export async function disabledRollupTriggers(db: Executor): Promise<number> {
  const res = await db.execute(sql`select count(*)::int as n from (${ROLLUP_TRIGGERS_OFF}) t`);
  return rowsOf<{ n: number }>(res)[0]?.n ?? 0;
}

/** Whether the insight rollups equal the calls (no bulk load has their triggers off). */
export async function rollupsInStep(db: Executor): Promise<boolean> {
  return (await disabledRollupTriggers(db)) === 0;
}
