import { route } from "@/lib/api/handler";
import { jsonResponse } from "@/lib/api/json-response";
import { pingDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import type { Health } from "@/lib/health";
import { currentSyncStatus } from "@/lib/sync/service";
import { getUpstreamHealth } from "@/lib/trtc/health";

// GET /api/health – readiness for load balancers, the launcher and Playwright, no session needed.
// Whether the database and the upstream are usable, and nothing else: no hosts, app secrets,
// account names or error texts.
export const GET = route({ access: "public" }, async () => {
  const dbOk = await pingDb();
  // getUpstreamHealth never throws and caches its probe, so frequent health checks stay cheap.
  const upstream: Health["upstream"] = await getUpstreamHealth().then(
    ({ mode, reachable, usersig }) => ({ mode, reachable, usersig }),
    () => ({ mode: getEnv().trtc.mode, reachable: null, usersig: null }),
  );
  const sync: Health["sync"] = dbOk
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
  const status: Health["status"] = !dbOk
    ? "unavailable"
    : upstream.reachable === false
      ? "degraded"
      : "ok";
  const health: Health = { status, upstream, sync };
  return jsonResponse(health, { status: dbOk ? 200 : 503 });
});
