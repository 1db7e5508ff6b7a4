import "server-only";

import { forgetSessions } from "@/lib/auth/session-users";
import type { Db } from "@/lib/db/client";
import { revokeSession, revokeUserSessions } from "@/lib/db/sessions";

/** Sign-out: this browser's session ends for every instance, whatever its cookie still says. */
export async function endSession(db: Db, sessionId: string): Promise<void> {
  await revokeSession(db, sessionId);
  forgetSessions([sessionId]);
}

/** A role change or a password reset: every session of the account ends. */
export async function endUserSessions(db: Db, userId: string): Promise<number> {
  const ended = await revokeUserSessions(db, userId);
  forgetSessions(ended);
  return ended.length;
}
