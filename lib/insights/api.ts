import "server-only";

import { ApiError } from "@/lib/api/errors";
import { route, type WrapperDeps } from "@/lib/api/handler";
import type { Db } from "@/lib/db/client";
import { indexCompleteFrom } from "@/lib/sync/coverage";

import { computeInsights } from "./compute";
import { insightsQuerySchema, resolveInsightsQuery } from "./params";
import type { Insights } from "./types";

// GET /api/insights, built here so tests and the benchmark drive the real wrapper (session, role,
// zod parsing, error envelope) with their own database, clock and session.

export function createInsightsHandler(options: {
  getDb: () => Promise<Db>;
  /** The index retention: no range may be longer. */
  maxRangeDays: () => number;
  now?: () => number;
  deps?: WrapperDeps;
}) {
  return route(
    { access: "manager", query: insightsQuerySchema },
    async ({ query }) => {
      const now = (options.now ?? Date.now)();
      const resolved = resolveInsightsQuery(query, now, options.maxRangeDays());
      if ("field" in resolved) {
        // Same shape as a zod failure, so the page shows it the same way.
        throw new ApiError({
          code: "unprocessable_entity",
          message: `${resolved.field}: ${resolved.message}`,
          details: { in: "query", issues: [resolved] },
        });
      }
      const db = await options.getDb();
      const [figures, completeFrom] = await Promise.all([
        computeInsights(db, resolved),
        indexCompleteFrom(db, now, options.maxRangeDays()),
      ]);
      return { ...figures, coverage: { completeFrom } } satisfies Insights;
    },
    options.deps,
  );
}
