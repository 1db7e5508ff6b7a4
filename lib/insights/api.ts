import "server-only";

import { ApiError } from "@/lib/api/errors";
import { route, type WrapperDeps } from "@/lib/api/handler";
import { computeInsights, type InsightsDb } from "./compute";
import { insightsQuerySchema, resolveInsightsQuery } from "./params";

// GET /api/insights, built here so tests and the benchmark drive the real wrapper (session, role,
// zod parsing, error envelope) with their own database, clock and session.

export function createInsightsHandler(options: {
  getDb: () => Promise<InsightsDb>;
  /** The index retention: no range may be longer. */
  maxRangeDays: () => number;
  now?: () => number;
  deps?: WrapperDeps;
}) {
  return route(
    { access: "manager", query: insightsQuerySchema },
    async ({ query }) => {
      const resolved = resolveInsightsQuery(
        query,
        (options.now ?? Date.now)(),
        options.maxRangeDays(),
      );
      if ("field" in resolved) {
        // Same shape as a zod failure, so the page shows it the same way.
        throw new ApiError({
          code: "unprocessable_entity",
          message: `${resolved.field}: ${resolved.message}`,
          details: { in: "query", issues: [resolved] },
        });
      }
      return computeInsights(await options.getDb(), resolved);
    },
    options.deps,
  );
}
