import "server-only";

import { createRecentUsers, RECENT_USERS_DEFAULTS } from "@/lib/auth/recent-users";
import { getDb } from "@/lib/db/client";
import type { UserRow } from "@/lib/db/schema";
import { findUserById } from "@/lib/db/users";
import { log } from "@/lib/log";

export type FindSessionUser = (id: string) => Promise<UserRow | undefined>;

let processWide: FindSessionUser | undefined;

export function findSessionUser(id: string): Promise<UserRow | undefined> {
  processWide ??= createRecentUsers(async (userId) => findUserById(await getDb(), userId), {
    ...RECENT_USERS_DEFAULTS,
    onBackgroundError: (err) => log.warn({ err }, "background re-read of a session user failed"),
  });
  return processWide(id);
}
