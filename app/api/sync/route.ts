import { route } from "@/lib/api/handler";
import { jsonResponse } from "@/lib/api/json-response";
import { currentSyncStatus, requestSyncNow } from "@/lib/sync/service";

// GET /api/sync – the record index's sync status (support)
export const GET = route({ access: "support" }, async () => ({ sync: await currentSyncStatus() }));

// POST /api/sync – "Sync now": asks for a pass at once; whichever instance syncs runs it (admin)
export const POST = route(
  { access: "admin" },
  async () => jsonResponse({ sync: await requestSyncNow() }, { status: 202 }),
  { audit: { action: "sync.request" } },
);
