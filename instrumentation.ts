// Start-up work for the Node.js server: configuration check, migrations, demo accounts, and the
// record index sync. Only in the nodejs runtime, and imported lazily so nothing database-related
// is bundled for the edge.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ syncDemoAccounts }, { getDbHandle }, { getEnv }, { log }, { startRecordSync }] =
    await Promise.all([
      import("@/lib/auth/demo"),
      import("@/lib/db/client"),
      import("@/lib/env"),
      import("@/lib/log"),
      import("@/lib/sync/service"),
    ]);
  // A bad configuration or an unreachable database must stop the server, not leave it limping.
  try {
    const env = getEnv();
    const handle = await getDbHandle();
    await syncDemoAccounts(handle.db, { embedded: env.embedded, password: env.DEMO_PASSWORD });
    log.info({ driver: handle.driver, mode: env.trtc.mode }, "database ready");
    // The record index sync runs in the background; its failures show in its status, not here.
    await startRecordSync();
  } catch (error) {
    log.fatal(
      { err: error instanceof Error ? { message: error.message } : error },
      "start-up failed",
    );
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
