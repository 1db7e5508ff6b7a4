import "server-only";

import { ApiError } from "@/lib/api/errors";
import type { Db } from "@/lib/db/client";
import { indexCompleteFrom } from "@/lib/sync/coverage";

import { computeInsights } from "./compute";
import { resolveInsightsQuery, type InsightsQuery } from "./params";
import type { Insights } from "./types";

export async function getInsights(
  db: Db,
  query: InsightsQuery,
  now: number,
  retentionDays: number,
): Promise<Insights> {
  const resolved = resolveInsightsQuery(query, now, retentionDays);
  if ("field" in resolved) {
    // Same shape as a zod failure, so the page shows it the same way.
    throw new ApiError({
      code: "unprocessable_entity",
      message: `${resolved.field}: ${resolved.message}`,
      details: { in: "query", issues: [resolved] },
    });
  }
  const [figures, completeFrom] = await Promise.all([
    computeInsights(db, resolved),
    indexCompleteFrom(db, now, retentionDays),
  ]);
  return { ...figures, coverage: { completeFrom } };
}
