import { route } from "@/lib/api/handler";
import { jsonResponse } from "@/lib/api/json-response";
import { pingDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { fleetStatus } from "@/lib/fleet/service";
import { judgeHealth, type Health } from "@/lib/health";
import { currentSyncStatus } from "@/lib/sync/service";
import { getUpstreamHealth } from "@/lib/trtc/health";
import { startCheckResult } from "@/lib/trtc/start-check";

// GET /api/health – readiness for load balancers, the launcher and Playwright, no session needed.
// Whether the database and the upstream are usable, and nothing else: no hosts, app secrets,
// account names or error texts.
export const GET = route({ access: "public" }, async () => {
  const dbOk = await pingDb();
  // getUpstreamHealth never throws and caches its probe, so frequent health checks stay cheap.
  const checks = startCheckResult();
  const lease = await fleetStatus().catch(() => null);
  const rateShare = lease
    ? { leased: true, instances: lease.instances, fraction: lease.fraction }
    : { leased: false, instances: 1, fraction: 1 };
  const upstream: Health["upstream"] = await getUpstreamHealth().then(
    ({ mode, reachable, usersig }) => ({ mode, reachable, usersig, checks, rateShare }),
    () => ({ mode: getEnv().trtc.mode, reachable: null, usersig: null, checks, rateShare }),
  );
  const syncStatus = dbOk ? await currentSyncStatus().catch(() => null) : null;
  const sync: Health["sync"] = syncStatus && {
    state: syncStatus.state,
    lastSuccessAt: syncStatus.lastSuccessAt,
    lagSeconds: syncStatus.lagSeconds,
    records: syncStatus.records,
    // Shown, not judged: a short slice is read again every pass and the index still serves.
    incomplete: syncStatus.incomplete,
  };
  const judged = judgeHealth(
    { dbOk, upstreamReachable: upstream.reachable, checks, sync: syncStatus },
    Date.now(),
  );
  const health: Health = { ...judged, upstream, sync };
  return jsonResponse(health, { status: dbOk ? 200 : 503 });
});
