import { createSyncRoutes } from "@/lib/sync/api";

// GET /api/sync – the record index's sync status (support)
// POST /api/sync – "Sync now": asks for a pass at once; whichever instance syncs runs it (admin)
const routes = createSyncRoutes();
export const GET = routes.GET;
export const POST = routes.POST;
