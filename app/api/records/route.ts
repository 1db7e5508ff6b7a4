import { getDb } from "@/lib/db/client";
import { createRecordsHandler } from "@/lib/records/api";

// GET /api/records – calls from the record index: filters, sort, paging with a total (support)
export const GET = createRecordsHandler({ getDb });
