import "server-only";

import { sql } from "drizzle-orm";

import { rowsOf, type Executor } from "@/lib/db/executor";

import type { StaffEnding } from "./ended-by";
import { eventsForCall } from "./store";
import type { CallEvent } from "./types";

// What the console itself knows about a call besides Tencent's answers: the events Tencent pushed
// and whether staff ended it from here.

export type CallHistory = { events: CallEvent[]; staffEnding: StaffEnding | null };

/** The latest successful "end this call" from the console (only successes are audited). */
export async function staffEndingOf(db: Executor, callId: string): Promise<StaffEnding | null> {
  const result = await db.execute(sql`
    select actor, at from audit_log
    where action = 'call.end' and target = ${callId}
    order by id desc limit 1
  `);
  const row = rowsOf<{ actor: string; at: string | Date }>(result)[0];
  return row ? { staffEmail: row.actor, at: new Date(row.at).toISOString() } : null;
}

export function createHistoryLookup(getDb: () => Promise<Executor>) {
  return async (callId: string): Promise<CallHistory> => {
    const db = await getDb();
    const [stored, staffEnding] = await Promise.all([
      eventsForCall(db, callId),
      staffEndingOf(db, callId),
    ]);
    const events = stored.map(({ id: _id, receivedAt: _received, ...event }) => event);
    return { events, staffEnding };
  };
}
