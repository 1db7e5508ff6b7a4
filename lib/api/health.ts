import "server-only";

import { pingDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { getUpstreamHealth } from "@/lib/trtc/health";
import { currentSyncStatus } from "@/lib/sync/service";

export type Health = {
  status: "ok" | "degraded" | "unavailable";
  upstream: {
    mode: "embedded" | "tencent";
    reachable: boolean | null;
    usersig: { source: string; expiresAt: string | null; expiringSoon: boolean } | null;
  };
  sync: {
    state: "never" | "backfilling" | "ok" | "failing";
    lastSuccessAt: string | null;
    lagSeconds: number | null;
    records: number | null;
  } | null;
};

// Public: says whether the database and the upstream are usable, and nothing else (no hosts,
// secrets, account names or error texts).
export async function collectHealth(): Promise<{ health: Health; httpStatus: number }> {
  const env = getEnv();
  const dbOk = await pingDb();
  // getUpstreamHealth caches its probe, so frequent health checks stay cheap.
  const upstream: Health["upstream"] = await getUpstreamHealth().then(
    ({ mode, reachable, usersig }) => ({ mode, reachable, usersig }),
    () => ({ mode: env.trtc.mode, reachable: null, usersig: null }),
  );
  const status: Health["status"] = !dbOk
    ? "unavailable"
    : upstream.reachable === false
      ? "degraded"
      : "ok";
  const sync = dbOk
    ? await currentSyncStatus().then(
        ({ state, lastSuccessAt, lagSeconds, records }) => ({
          state,
          lastSuccessAt,
          lagSeconds,
          records,
        }),
        () => null,
      )
    : null;
  return { health: { status, upstream, sync }, httpStatus: dbOk ? 200 : 503 };
}
