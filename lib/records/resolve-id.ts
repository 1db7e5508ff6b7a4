import "server-only";

import { sql } from "drizzle-orm";

import { rowsOf, type Executor } from "@/lib/db/executor";

// A bare ID may be a call, a user and a room at once: nothing stops an app naming a room after a user.

export type IdKind = "call" | "user" | "room";

export async function resolveId(db: Executor, id: string): Promise<IdKind[]> {
  const rows = rowsOf<{ call: boolean; user: boolean; room: boolean }>(
    await db.execute(sql`select
        exists (select 1 from indexed_calls where call_id = ${id}) as call,
        exists (select 1 from indexed_call_participants where user_id = ${id}) as user,
        exists (select 1 from indexed_calls where room_id = ${id}) as room`),
  );
  const row = rows[0];
  if (!row) return [];
  return (["call", "user", "room"] as const).filter((k) => row[k]);
}
