import "server-only";

import { eq, sql } from "drizzle-orm";

import type { Db } from "@/lib/db/client";
import type { Executor } from "@/lib/db/executor";
import { syncState, type SyncStateRow } from "@/lib/db/records-schema";

export const SYNC_JOB = "records";

/** Health checks read it often, so no write when the row exists. */
export async function readState(db: Db): Promise<SyncStateRow> {
  const [row] = await db.select().from(syncState).where(eq(syncState.id, SYNC_JOB));
  if (row) return row;
  await db.insert(syncState).values({ id: SYNC_JOB }).onConflictDoNothing();
  const [created] = await db.select().from(syncState).where(eq(syncState.id, SYNC_JOB));
  return created!;
}

export async function updateState(
  db: Executor & Pick<Db, "update">,
  patch: Partial<Omit<SyncStateRow, "id">>,
): Promise<void> {
  await db
    .update(syncState)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(syncState.id, SYNC_JOB));
}

export function msOf(value: string | null | undefined): number | null {
  if (!value) return null;
  // PostgreSQL's text form ("2026-11-22 03:00:00.123+00") is not ISO.
  const iso = value.includes("T") ? value : value.replace(" ", "T").replace(/([+-]\d\d)$/, "$1:00");
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

export function isoOf(value: string | null | undefined): string | null {
  const t = msOf(value);
  return t === null ? null : new Date(t).toISOString();
}
