import "server-only";

import { randomBytes } from "node:crypto";

import { sql } from "drizzle-orm";

import type { Generation } from "@/lib/calls/types";
import { rowsOf, type Executor } from "@/lib/db/executor";

// What the admin page reports about deliveries, and the receiver's path token.

const iso = (v: string | Date): string => new Date(v).toISOString();

export async function recordRejection(
  db: Executor,
  generation: Generation | "unknown",
  reason: string,
): Promise<void> {
  await db.execute(sql`
    insert into callback_rejections (hour, generation, reason, count, last_at)
    values (date_trunc('hour', now()), ${generation}, ${reason}, 1, now())
    on conflict (hour, generation, reason) do update
      set count = callback_rejections.count + 1, last_at = now()
  `);
}

export type CallbackStats = {
  lastEventAt: string | null;
  eventsLastHour: number;
  rejectedLastDay: number;
  lastRejectedAt: string | null;
};

export async function callbackStats(db: Executor, generation: Generation): Promise<CallbackStats> {
  const result = await db.execute(sql`
    select
      (select max(received_at) from call_events where generation = ${generation}) as last_event_at,
      (select count(*) from call_events
        where generation = ${generation} and received_at > now() - interval '1 hour')::int as last_hour,
      (select coalesce(sum(count), 0) from callback_rejections
        where generation = ${generation} and hour > now() - interval '1 day')::int as rejected,
      (select max(last_at) from callback_rejections where generation = ${generation}) as last_rejected
  `);
  const r = rowsOf<{
    last_event_at: string | Date | null;
    last_hour: number;
    rejected: number;
    last_rejected: string | Date | null;
  }>(result)[0];
  return {
    lastEventAt: r?.last_event_at ? iso(r.last_event_at) : null,
    eventsLastHour: r?.last_hour ?? 0,
    rejectedLastDay: r?.rejected ?? 0,
    lastRejectedAt: r?.last_rejected ? iso(r.last_rejected) : null,
  };
}

const TOKEN_KEY = "callback_token";

/** The receiver's path secret: made once, shared by every instance. */
export async function callbackToken(db: Executor): Promise<string> {
  const candidate = randomBytes(32).toString("base64url");
  await db.execute(sql`
    insert into app_settings (key, value) values (${TOKEN_KEY}, ${candidate}) on conflict (key) do nothing
  `);
  const result = await db.execute(sql`select value from app_settings where key = ${TOKEN_KEY}`);
  const value = rowsOf<{ value: string }>(result)[0]?.value;
  if (!value) throw new Error("callback token could not be stored");
  return value;
}
