import "server-only";

import type { Db } from "@/lib/db/client";
import { pruneSessions } from "@/lib/db/sessions";
import { pruneThrottle } from "@/lib/db/throttle";
import { log } from "@/lib/log";

export const SIGN_IN_PRUNE_EVERY_MS = 10 * 60_000;

/** Deletes ended sessions and spent throttle rows. Every instance may run it: deletes are idempotent. */
export async function pruneSignInState(
  db: Db,
  now = new Date(),
): Promise<{ sessions: number; throttle: number }> {
  return { sessions: await pruneSessions(db, now), throttle: await pruneThrottle(db, now) };
}

export function startSignInPruner(db: Db, everyMs = SIGN_IN_PRUNE_EVERY_MS): () => void {
  const run = () => {
    pruneSignInState(db).then(
      (pruned) => {
        if (pruned.sessions + pruned.throttle > 0) log.debug({ pruned }, "sign-in state pruned");
      },
      (err: unknown) => log.warn({ err }, "pruning sign-in state failed"),
    );
  };
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
