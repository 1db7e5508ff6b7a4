import "server-only";

import type { Pool, PoolClient } from "pg";

import type { DbHandle } from "@/lib/db/client";

// On PostgreSQL a session advisory lock on a dedicated connection, freed if the process dies; on
// PGlite one process owns the data, so an in-process flag is enough.

// Any fixed number, distinct from the migration lock in lib/db/client.ts.
export const SYNC_LOCK_KEY = 7_310_442_006;

const GLOBAL_KEY = Symbol.for("call-console.sync-running");
type G = typeof globalThis & { [GLOBAL_KEY]?: Set<unknown> };

function runningSet(): Set<unknown> {
  const g = globalThis as G;
  g[GLOBAL_KEY] ??= new Set();
  return g[GLOBAL_KEY];
}

function poolOf(handle: DbHandle): Pool | null {
  if (handle.driver !== "pg") return null;
  return (handle.db as unknown as { $client: Pool }).$client;
}

export type Leadership<T> = { ran: true; value: T } | { ran: false };

export async function withSyncLeadership<T>(
  handle: DbHandle,
  fn: () => Promise<T>,
): Promise<Leadership<T>> {
  const running = runningSet();
  if (running.has(handle.db)) return { ran: false };
  running.add(handle.db);
  let client: PoolClient | null = null;
  try {
    const pool = poolOf(handle);
    if (pool) {
      client = await pool.connect();
      const res = await client.query<{ ok: boolean }>("select pg_try_advisory_lock($1) as ok", [
        SYNC_LOCK_KEY,
      ]);
      if (!res.rows[0]?.ok) return { ran: false };
      try {
        return { ran: true, value: await fn() };
      } finally {
        await client.query("select pg_advisory_unlock($1)", [SYNC_LOCK_KEY]).catch(() => {});
      }
    }
    return { ran: true, value: await fn() };
  } finally {
    client?.release();
    running.delete(handle.db);
  }
}
