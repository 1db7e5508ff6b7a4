import "server-only";

import { sql } from "drizzle-orm";
import { z } from "zod";

import { ApiError } from "@/lib/api/errors";
import type { Db } from "@/lib/db/client";
import { log } from "@/lib/log";

import { openCsvExport } from "./export";
import { recordFiltersSchema } from "./filters";
import { isValidTimeZone } from "./ranges";

const tz = z.preprocess(
  (v: unknown) =>
    Array.isArray(v) && v.length === 1 ? (v[0] as unknown) : v === "" ? undefined : v,
  z
    .string({ error: "give this parameter once" })
    .refine((s) => s !== "local", {
      message: "name the zone (e.g. Europe/Berlin or UTC); the server cannot know your local zone",
    })
    .refine(isValidTimeZone, { message: "must be UTC or an IANA time zone such as Europe/Berlin" })
    .default("UTC"),
);

export const exportQuerySchema = recordFiltersSchema.safeExtend({ tz });

// Intl and PostgreSQL each carry their own IANA database: a zone only Intl knows is refused here,
// before the header goes out, not halfway through the download.
async function assertDbKnowsZone(db: Db, zone: string): Promise<void> {
  try {
    await db.execute(sql`select now() at time zone ${zone}`);
  } catch {
    const message = "this time zone is not known to the database; choose another name for it";
    throw new ApiError({
      code: "unprocessable_entity",
      message: `tz: ${message}`,
      details: { in: "query", issues: [{ field: "tz", message }] },
    });
  }
}

function fileName(now: Date): string {
  const stamp = now.toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  return `call-records-${stamp}Z.csv`;
}

export async function csvExportResponse(
  db: Db,
  query: z.output<typeof exportQuerySchema>,
  requestId: string,
): Promise<Response> {
  const { tz: zone, page: _page, pageSize: _pageSize, ...filters } = query;
  await assertDbKnowsZone(db, zone);
  const started = Date.now();
  const body = await openCsvExport(db, query, zone, {
    // Spreadsheets show this as the last row, so a cut file cannot pass for a whole one.
    incompleteLine: (rows) =>
      `# EXPORT INCOMPLETE: the server failed after ${rows} rows (request ${requestId}). Rows are missing; download again.`,
    onError: (err) => log.error({ err, requestId }, "record export broke off"),
    onDone: (rows) =>
      log.info(
        { requestId, rows, ms: Date.now() - started, filters: Object.keys(filters) },
        "record export done",
      ),
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName(new Date())}"`,
      "X-Content-Type-Options": "nosniff",
    },
  });
}
