import "server-only";

import type { Db } from "@/lib/db/client";

export type Executor = Pick<Db, "execute">;

export function rowsOf<T>(result: unknown): T[] {
  const r = result as { rows?: T[] };
  return r.rows ?? (result as T[]);
}
