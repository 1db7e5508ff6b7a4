import { getDb } from "@/lib/db/client";
import { createExportHandler } from "@/lib/records/export-api";

// GET /api/records/export – the whole filtered result as CSV, streamed (manager)
export const GET = createExportHandler({ getDb });
