import "server-only";

import { sql } from "drizzle-orm";

import { rowsOf, type Executor } from "@/lib/db/executor";

/** A bulk load disables the rollup triggers until it ends; readers of the rollups check here. */
export const ROLLUP_TRIGGERS_OFF = sql`select 1 from pg_trigger
  where tgrelid = 'indexed_calls'::regclass and not tgisinternal and tgenabled = 'D'`;

export async function disabledRollupTriggers(db: Executor): Promise<number> {
  const res = await db.execute(sql`select count(*)::int as n from (${ROLLUP_TRIGGERS_OFF}) t`);
  return rowsOf<{ n: number }>(res)[0]?.n ?? 0;
}

export async function rollupsInStep(db: Executor): Promise<boolean> {
  return (await disabledRollupTriggers(db)) === 0;
}
