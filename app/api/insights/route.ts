import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { createInsightsHandler } from "@/lib/insights/api";

// GET /api/insights – outcome aggregates over the record index for the browser's filters (manager)
export const GET = createInsightsHandler({
  getDb,
  maxRangeDays: () => getEnv().INDEX_RETENTION_DAYS,
});
