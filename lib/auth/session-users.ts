import "server-only";

import { createRecentUsers, RECENT_USERS_DEFAULTS } from "@/lib/auth/recent-users";
import { getDb } from "@/lib/db/client";
import type { UserRow } from "@/lib/db/schema";
import { findUserById } from "@/lib/db/users";
import { log } from "@/lib/log";

export type FindSessionUser = (id: string) => Promise<UserRow | undefined>;

let processWide: FindSessionUser | undefined;

/**
 * The account behind a session, by id, as the session check on every request reads it: from the
 * database through the per-process memory of lib/auth/recent-users.ts (never older than 5 s).
 * One memory per process, shared by next-auth's jwt callback and getSessionUser.
 */
export function findSessionUser(id: string): Promise<UserRow | undefined> {
  processWide ??= createRecentUsers(async (userId) => findUserById(await getDb(), userId), {
    ...RECENT_USERS_DEFAULTS,
    onBackgroundError: (err) => log.warn({ err }, "background re-read of a session user failed"),
  });
  return processWide(id);
}
