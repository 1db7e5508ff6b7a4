import "server-only";

import type { Db } from "@/lib/db/client";

import { WINDOW_MS } from "./engine";
import { msOf, readState } from "./state";

const DAY_MS = 86_400_000;

// Null until the first backfill ends. An index older than `indexed_from` falls back to 7 days
// before its backfill finished: a few minutes late, so on the safe side.
export async function indexCompleteFrom(
  db: Db,
  now: number,
  retentionDays: number,
): Promise<string | null> {
  const state = await readState(db);
  const backfilled = msOf(state.backfilledAt);
  if (backfilled === null) return null;
  const start = msOf(state.indexedFrom) ?? backfilled - WINDOW_MS;
  return new Date(Math.max(start, now - retentionDays * DAY_MS)).toISOString();
}
