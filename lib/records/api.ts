import "server-only";

import { route, type WrapperDeps } from "@/lib/api/handler";
import type { Executor } from "@/lib/db/executor";

import { recordFiltersSchema } from "./filters";
import { listIndexedRecords } from "./query";

// GET /api/records, built here so tests and the benchmark can drive the real wrapper (session,
// role, zod parsing, error envelope) with their own database and session.

export function createRecordsHandler(options: {
  getDb: () => Promise<Executor>;
  deps?: WrapperDeps;
}) {
  return route(
    { access: "support", query: recordFiltersSchema },
    async ({ query }) => listIndexedRecords(await options.getDb(), query),
    options.deps,
  );
}
