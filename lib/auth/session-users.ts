import "server-only";

import {
  createRecentUsers,
  RECENT_USERS_DEFAULTS,
  type RecentReader,
} from "@/lib/auth/recent-users";
import { getDb } from "@/lib/db/client";
import { findSession, type LiveSession } from "@/lib/db/sessions";
import { log } from "@/lib/log";

export type FindSession = (sessionId: string) => Promise<LiveSession | undefined>;

// On globalThis: the next-auth route and the other routes may each load this module, and a
// sign-out in one must be seen at once by the others.
const GLOBAL_KEY = Symbol.for("call-console.sessions");
type GlobalWithSessions = typeof globalThis & { [GLOBAL_KEY]?: RecentReader<LiveSession> };

function processWide(): RecentReader<LiveSession> {
  const g = globalThis as GlobalWithSessions;
  g[GLOBAL_KEY] ??= createRecentUsers(async (id) => findSession(await getDb(), id), {
    ...RECENT_USERS_DEFAULTS,
    onBackgroundError: (err) => log.warn({ err }, "background re-read of a session failed"),
  });
  return g[GLOBAL_KEY];
}

/** The session and its account as stored, at most a few seconds old. */
export function findSessionCached(sessionId: string): Promise<LiveSession | undefined> {
  return processWide()(sessionId);
}

/** Sessions this process ended itself take effect here at once; other instances follow within 5 s. */
export function forgetSessions(sessionIds: string[]): void {
  const reader = processWide();
  for (const id of sessionIds) reader.forget(id);
}
