import "server-only";

import type { Generation } from "@/lib/calls/types";
import { getDb, getDbHandle } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { getTrtcClient } from "@/lib/trtc/client";
import { resolveQualityClient } from "@/lib/trtc-cloud/client";

import { DEFAULT_SETTINGS } from "./engine";
import { createSyncLoop, type SyncLoop } from "./loop";
import { readState, updateState } from "./state";
import { getSyncStatus, type SyncStatus } from "./status";

// On globalThis: Next.js may load this module more than once in one process.

const GLOBAL_KEY = Symbol.for("call-console.sync-loop");
type G = typeof globalThis & { [GLOBAL_KEY]?: SyncLoop };

export function configuredGenerations(recordsApi: "v4" | "v1" | "both"): Generation[] {
  return recordsApi === "both" ? ["v4", "v1"] : [recordsApi];
}

export async function startRecordSync(): Promise<SyncLoop> {
  const g = globalThis as G;
  if (g[GLOBAL_KEY]) return g[GLOBAL_KEY];
  const env = getEnv();
  const loop = createSyncLoop({
    handle: await getDbHandle(),
    source: getTrtcClient(),
    intervalMs: env.SYNC_INTERVAL * 1000,
    retentionDays: env.INDEX_RETENTION_DAYS,
    qualityClient: () => {
      const resolved = resolveQualityClient();
      return resolved.ok ? resolved.client : null;
    },
    settings: {
      ...DEFAULT_SETTINGS,
      generations: configuredGenerations(env.trtc.recordsApi),
      now: Date.now,
      logger: log.child({ component: "sync" }),
    },
  });
  g[GLOBAL_KEY] = loop;
  loop.start();
  log.info(
    { intervalSeconds: env.SYNC_INTERVAL, retentionDays: env.INDEX_RETENTION_DAYS },
    "record index sync started",
  );
  return loop;
}

/** Recorded in the database so whichever instance holds the sync lock runs it. */
export async function requestSyncNow(): Promise<SyncStatus> {
  const db = await getDb();
  await readState(db); // creates the row on a fresh database
  await updateState(db, { requestedAt: new Date().toISOString() });
  const loop = (globalThis as G)[GLOBAL_KEY];
  if (loop) void loop.tick();
  return currentSyncStatus();
}

export async function currentSyncStatus(): Promise<SyncStatus> {
  const env = getEnv();
  return getSyncStatus(await getDb(), {
    intervalSeconds: env.SYNC_INTERVAL,
    retentionDays: env.INDEX_RETENTION_DAYS,
  });
}
