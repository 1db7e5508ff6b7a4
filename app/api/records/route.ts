import { route } from "@/lib/api/handler";
import { getDb } from "@/lib/db/client";
import { recordFiltersSchema } from "@/lib/records/filters";
import { listIndexedRecords } from "@/lib/records/query";

// GET /api/records – calls from the record index: filters, sort, paging with a total (support)
export const GET = route({ access: "support", query: recordFiltersSchema }, async ({ query }) =>
  listIndexedRecords(await getDb(), query),
);
