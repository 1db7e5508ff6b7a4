import "server-only";

import { syncDemoAccounts } from "@/lib/auth/demo";
import { getDbHandle } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { startRecordSync } from "@/lib/sync/service";

/**
 * Runs once in the Next.js server process (instrumentation.ts): validates the configuration,
 * opens the database and applies migrations, and creates or removes the demo accounts. All
 * database work happens here, in the one process that owns a PGlite data directory.
 */
export async function prepareServer(): Promise<void> {
  const env = getEnv();
  const handle = await getDbHandle();
  await syncDemoAccounts(handle.db, { embedded: env.embedded, password: env.DEMO_PASSWORD });
  log.info({ driver: handle.driver, mode: env.trtc.mode }, "database ready");
  // The record index sync runs in the background; its failures show in its status, not here.
  await startRecordSync();
}

/** A bad configuration or an unreachable database must stop the server, not leave it limping. */
export async function prepareServerOrExit(): Promise<void> {
  try {
    await prepareServer();
  } catch (error) {
    log.fatal(
      { err: error instanceof Error ? { message: error.message } : error },
      "start-up failed",
    );
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
