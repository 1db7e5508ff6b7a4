import "server-only";

import { route, type WrapperDeps } from "@/lib/api/handler";
import { jsonResponse } from "@/lib/api/json-response";

import { currentSyncStatus, requestSyncNow } from "./service";

// GET /api/sync (status, support) and POST /api/sync ("Sync now", admin), built here so tests can
// drive the real wrapper with their own session.

export function createSyncRoutes(deps?: WrapperDeps) {
  return {
    GET: route({ access: "support" }, async () => ({ sync: await currentSyncStatus() }), deps),
    POST: route(
      { access: "admin" },
      async () => jsonResponse({ sync: await requestSyncNow() }, { status: 202 }),
      deps,
    ),
  };
}
