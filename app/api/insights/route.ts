import { route } from "@/lib/api/handler";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { insightsQuerySchema } from "@/lib/insights/params";
import { getInsights } from "@/lib/insights/service";

// GET /api/insights – outcome aggregates over the record index for the browser's filters (manager)
export const GET = route({ access: "manager", query: insightsQuerySchema }, async ({ query }) =>
  getInsights(await getDb(), query, Date.now(), getEnv().INDEX_RETENTION_DAYS),
);
