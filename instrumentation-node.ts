import { syncDemoAccounts } from "@/lib/auth/demo";
import { startSignInPruner } from "@/lib/auth/pruning";
import { getDbHandle } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { configureDemoCallbacks } from "@/lib/events/demo-callbacks";
import { startStaleCallCloser } from "@/lib/events/stale-calls";
import { startFleetShare } from "@/lib/fleet/service";
import { log } from "@/lib/log";
import { startRecordSync } from "@/lib/sync/service";
import { getTrtcClient } from "@/lib/trtc/client";
import { checkUpstream, rememberStartCheck } from "@/lib/trtc/start-check";

// Start-up of the Node.js server: configuration check, migrations, demo accounts, the fleet's
// share of Tencent's rate limits, record sync,
// the closer of live calls whose end callback never came, the pruning of ended sessions and spent
// sign-in throttles, and in demo mode the emulator's callbacks.
export async function startServer(): Promise<void> {
  // A bad configuration or an unreachable database must stop the server, not leave it limping.
  try {
    const env = getEnv();
    const handle = await getDbHandle();
    await syncDemoAccounts(handle.db, { embedded: env.embedded, password: env.DEMO_PASSWORD });
    log.info({ driver: handle.driver, mode: env.trtc.mode }, "database ready");
    // Before anything calls Tencent: with other instances on this database, the limits are shared.
    await startFleetShare();
    // The sync runs in the background; its failures show in its status, not here.
    await startRecordSync();
    startStaleCallCloser(handle, getTrtcClient());
    startSignInPruner(handle.db);
    void reportUpstreamCheck(env.trtc.recordsApi);
    // In the background and never fatal: the console works without events.
    void configureDemoCallbacks({ env, db: handle.db, client: getTrtcClient(), logger: log });
  } catch (error) {
    log.fatal(
      { err: error instanceof Error ? { message: error.message } : error },
      "start-up failed",
    );
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

// v4 serves live status and ending calls whatever the records come from; v1 only when read.
async function reportUpstreamCheck(recordsApi: "v4" | "v1" | "both"): Promise<void> {
  const checks = await checkUpstream(getTrtcClient(), recordsApi === "v4" ? ["v4"] : ["v4", "v1"]);
  rememberStartCheck(checks);
  for (const c of checks) {
    if (c.ok) log.info({ generation: c.generation }, "Tencent check at start: answered");
    else
      log.error(
        { generation: c.generation, problem: c.problem, code: c.code, requestId: c.requestId },
        `Tencent check at start failed (${c.generation}): ${c.fix}`,
      );
  }
}
