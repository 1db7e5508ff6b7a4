import "server-only";

import { sql } from "drizzle-orm";

import type { QualityVerdict } from "@/lib/calls/quality";
import { rowsOf, type Executor } from "@/lib/db/executor";

import type { ArchivedQualityParticipant } from "./types";

// Raw SQL over `call_quality` (lib/db/quality-schema.ts), like the record index's store, so the
// sync loop's executor (which only has `execute`) can prune and read it too.

export type ArchivedQuality = {
  callId: string;
  startedAt: string;
  verdict: QualityVerdict;
  participants: ArchivedQualityParticipant[];
  unavailableReason: string | null;
  fetchedAt: string;
};

const iso = (value: unknown): string => new Date(value as string).toISOString();

export async function saveQuality(db: Executor, row: ArchivedQuality): Promise<void> {
  await db.execute(sql`
    insert into call_quality (call_id, started_at, verdict, participants, unavailable_reason, fetched_at)
    values (${row.callId}, ${row.startedAt}::timestamptz, ${row.verdict},
      ${JSON.stringify(row.participants)}::jsonb, ${row.unavailableReason}, ${row.fetchedAt}::timestamptz)
    on conflict (call_id) do update set
      started_at = excluded.started_at, verdict = excluded.verdict,
      participants = excluded.participants, unavailable_reason = excluded.unavailable_reason,
      fetched_at = excluded.fetched_at`);
}

type RawRow = {
  call_id: string;
  started_at: unknown;
  verdict: QualityVerdict;
  participants: unknown;
  unavailable_reason: string | null;
  fetched_at: unknown;
};

export async function readQuality(db: Executor, callId: string): Promise<ArchivedQuality | null> {
  const res = await db.execute(sql`select * from call_quality where call_id = ${callId}`);
  const row = rowsOf<RawRow>(res)[0];
  if (!row) return null;
  const participants: unknown =
    typeof row.participants === "string" ? JSON.parse(row.participants) : row.participants;
  return {
    callId: row.call_id,
    startedAt: iso(row.started_at),
    verdict: row.verdict,
    participants: participants as ArchivedQualityParticipant[],
    unavailableReason: row.unavailable_reason,
    fetchedAt: iso(row.fetched_at),
  };
}

/** Quality follows the record index's retention: pruned by the call's start, on its schedule. */
export async function pruneQualityBefore(db: Executor, cutoff: Date): Promise<number> {
  const res = await db.execute(sql`
    with gone as (delete from call_quality where started_at < ${cutoff.toISOString()}::timestamptz
      returning 1)
    select count(*)::int as n from gone`);
  return rowsOf<{ n: number }>(res)[0]?.n ?? 0;
}
