import "server-only";

import type { Db } from "@/lib/db/client";

/** Runs a statement on a Drizzle database or inside a transaction. */
export type Executor = Pick<Db, "execute">;

/** Rows of a select on either driver (node-postgres and PGlite both answer `{ rows }`). */
export function rowsOf<T>(result: unknown): T[] {
  const r = result as { rows?: T[] };
  return r.rows ?? (result as T[]);
}
