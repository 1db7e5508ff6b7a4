import { route } from "@/lib/api/handler";
import { getDb } from "@/lib/db/client";
import { csvExportResponse, exportQuerySchema } from "@/lib/records/export-api";

// GET /api/records/export – the whole filtered result as CSV, streamed (manager). Exports take
// data out of the console, so they are audited.
export const GET = route(
  { access: "manager", query: exportQuerySchema },
  async ({ query, requestId }) => csvExportResponse(await getDb(), query, requestId),
  {
    audit: {
      action: "records.export",
      details: (_, { req, requestId }) => ({ query: req.nextUrl.search.slice(0, 1000), requestId }),
    },
  },
);
