import "server-only";

import { sql } from "drizzle-orm";

import { rowsOf, type Executor } from "@/lib/db/executor";
import type { QualityClient } from "@/lib/trtc-cloud/types";

import { saveQuality } from "./archive";
import { fetchCallQuality } from "./fetch";
import { TENCENT_HISTORY_MS } from "./service";
import { asUnavailable } from "./unavailable";

// Failed calls (Interrupt, Offline) get their quality fetched in the background, so the records'
// quality column and filter cover them without anyone opening each call. A pass takes a few calls
// (about five requests each for two people); the client's throttle keeps every request within
// Tencent's 20/s, shared with pages opened meanwhile.

/** Calls per pass: about 40 requests, two seconds of Tencent's budget at most. */
export const BACKGROUND_CALLS_PER_PASS = 8;
// Tencent's monitoring data lags the call by a minute or so.
const SETTLE_MS = 2 * 60_000;

type Candidate = {
  call_id: string;
  result: string;
  room_id: string;
  started_at: unknown;
  ended_at: unknown;
};

export type BackgroundReport = { fetched: number; unavailable: number; stopped?: string };

const iso = (v: unknown) => new Date(v as string).toISOString();

export async function fetchFailedCallsQuality(
  db: Executor,
  client: QualityClient,
  options: { now: number; limit?: number },
): Promise<BackgroundReport> {
  const { now } = options;
  const rows = rowsOf<Candidate>(
    await db.execute(sql`
      select c.call_id, c.result, c.room_id, c.started_at, c.ended_at from indexed_calls c
      where c.result in ('Interrupt', 'Offline') and c.room_id <> ''
        and c.started_at > ${new Date(now - TENCENT_HISTORY_MS).toISOString()}::timestamptz
        and coalesce(c.ended_at, c.started_at) < ${new Date(now - SETTLE_MS).toISOString()}::timestamptz
        and not exists (select 1 from call_quality q where q.call_id = c.call_id)
      order by c.started_at desc
      limit ${options.limit ?? BACKGROUND_CALLS_PER_PASS}`),
  );
  const report: BackgroundReport = { fetched: 0, unavailable: 0 };
  for (const row of rows) {
    const call = {
      callId: row.call_id,
      roomId: row.room_id,
      startedAt: iso(row.started_at),
      endedAt: row.ended_at === null ? null : iso(row.ended_at),
      result: row.result,
      participants: [],
    };
    try {
      const fetched = await fetchCallQuality(client, call, now);
      await saveQuality(db, fetched);
      if (fetched.unavailableReason) report.unavailable += 1;
      else report.fetched += 1;
    } catch (error) {
      const why = asUnavailable(error);
      if (why?.reason === "expired" || why?.reason === "not_found") {
        // Tencent will not have it later either: remembered, so it is not asked again.
        await saveQuality(db, {
          callId: call.callId,
          startedAt: call.startedAt,
          verdict: "unknown",
          participants: [],
          unavailableReason: why.reason,
          fetchedAt: new Date(now).toISOString(),
        });
        report.unavailable += 1;
        continue;
      }
      // Plan, permission or an outage holds for the whole pass; the next pass tries again.
      report.stopped = why ? `${why.reason}: ${why.message}` : String(error);
      break;
    }
  }
  return report;
}
