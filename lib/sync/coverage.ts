import "server-only";

import type { Db } from "@/lib/db/client";

import { WINDOW_MS } from "./engine";
import { msOf, readState } from "./state";

const DAY_MS = 86_400_000;

/**
 * The instant from which the index holds every call, or null until its first backfill has
 * finished: the start of the 7-day window that backfill read, moved up by pruning to the
 * retention. An index backfilled before that start was recorded falls back to 7 days before the
 * backfill finished, which is a few minutes late: on the safe side.
 */
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
