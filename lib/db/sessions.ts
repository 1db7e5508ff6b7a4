import "server-only";

import { and, eq, isNull, lt, or, sql } from "drizzle-orm";

import type { Db } from "@/lib/db/client";
import { staffSessions, users, type StaffSessionRow, type UserRow } from "@/lib/db/schema";

export type LiveSession = { session: StaffSessionRow; user: UserRow };

export async function startSession(
  db: Db,
  input: { userId: string; expiresAt: Date },
): Promise<StaffSessionRow> {
  const rows = await db
    .insert(staffSessions)
    .values({ userId: input.userId, expiresAt: input.expiresAt })
    .returning();
  return rows[0]!;
}

/** The session with its account, whether or not it has ended (callers judge `revokedAt`/`expiresAt`). */
export async function findSession(db: Db, id: string): Promise<LiveSession | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const rows = await db
    .select({ session: staffSessions, user: users })
    .from(staffSessions)
    .innerJoin(users, eq(users.id, staffSessions.userId))
    .where(eq(staffSessions.id, id))
    .limit(1);
  return rows[0];
}

export function isSessionLive(session: StaffSessionRow, now = new Date()): boolean {
  return session.revokedAt === null && new Date(session.expiresAt).getTime() > now.getTime();
}

export async function revokeSession(db: Db, id: string): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return;
  await db
    .update(staffSessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(staffSessions.id, id), isNull(staffSessions.revokedAt)));
}

/** Ends every session of one account; answers the ids ended, so a process can forget them at once. */
export async function revokeUserSessions(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .update(staffSessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(staffSessions.userId, userId), isNull(staffSessions.revokedAt)))
    .returning({ id: staffSessions.id });
  return rows.map((r) => r.id);
}

/** Sessions past their absolute end or revoked are of no further use (a missing row reads as ended). */
export async function pruneSessions(db: Db, now = new Date()): Promise<number> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const rows = await db
    .delete(staffSessions)
    .where(or(lt(staffSessions.expiresAt, at), lt(staffSessions.revokedAt, at)))
    .returning({ id: staffSessions.id });
  return rows.length;
}
