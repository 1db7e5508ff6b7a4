import "server-only";

import { getDbHandle } from "@/lib/db/client";
import { log } from "@/lib/log";
import { processLimiters } from "@/lib/trtc/throttle";

import { startFleetLease, type FleetLease, type FleetStatus } from "./lease";

// On PostgreSQL several instances may share one Tencent app, so each takes a leased part of the
// rate limits. PGlite has one owning process: it keeps the whole limit and no lease.

const GLOBAL_KEY = Symbol.for("call-console.fleet-lease");
type G = typeof globalThis & { [GLOBAL_KEY]?: Promise<FleetLease | null> };

export function startFleetShare(): Promise<FleetLease | null> {
  const g = globalThis as G;
  g[GLOBAL_KEY] ??= (async () => {
    const handle = await getDbHandle();
    if (handle.driver !== "pg") return null;
    return startFleetLease({
      handle,
      limiters: processLimiters(),
      logger: log.child({ component: "fleet" }),
    });
  })();
  return g[GLOBAL_KEY];
}

/** `null` when this instance keeps the whole limit (PGlite, or no lease started). */
export async function fleetStatus(): Promise<FleetStatus | null> {
  const lease = await (globalThis as G)[GLOBAL_KEY];
  return lease?.status() ?? null;
}
