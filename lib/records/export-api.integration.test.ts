import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { GET } from "@/app/api/records/export/route";
import type { Role } from "@/lib/auth/roles";
import { listAudit } from "@/lib/db/audit";
import { upsertRecords } from "@/lib/sync/store";
import { APP_DATABASES } from "@/test/databases";
import { requestAs } from "@/test/session";

import { syntheticRecords } from "./testing";

// The export route (session, role, zod, error envelope, audit) on PGlite.

describe("GET /api/records/export", () => {
  let handle: Awaited<ReturnType<(typeof APP_DATABASES)[number]["open"]>>;
  beforeAll(async () => {
    handle = await APP_DATABASES[0]!.open();
    await upsertRecords(handle.db, syntheticRecords(240, { seed: 3 }));
  });
  afterAll(async () => {
    await handle.dispose();
  });

  const get = async (role: Role | null, query: string) =>
    GET(await requestAs(role, `/api/records/export?${query}`));

  it("streams every matching row for a manager, ignoring page and pageSize, and audits the export", async () => {
    const res = await get("manager", "media=audio&page=2&pageSize=5&tz=UTC");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const lines = (await res.text()).trimEnd().split("\r\n");
    const audio = syntheticRecords(240, { seed: 3 }).filter((r) => r.mediaType === "audio");
    expect(lines).toHaveLength(audio.length + 1);
    expect(lines[0]).toMatch(/^call_id,started_at \(UTC\),caller,callees,/);
    const audit = await listAudit(handle.db, 5);
    expect(audit[0]).toMatchObject({ actor: "manager@example.com", action: "records.export" });
  });

  it("refuses support (403) and signed-out callers (401)", async () => {
    expect((await get("support", "")).status).toBe(403);
    expect((await get(null, "")).status).toBe(401);
  });

  it.each([
    ["tz=Atlantis/Nowhere", "tz: must be UTC or an IANA time zone"],
    ["tz=local", "tz: name the zone"],
    ["tz=UTC&tz=Asia/Tokyo", "tz: give this parameter once"],
    // An old alias that Node's Intl still accepts and PostgreSQL's zone data no longer has.
    ["tz=US/Pacific-New", "tz: this time zone is not known to the database"],
    ["page=0", "page: must be from 1"],
    ["from=2026-11-21&to=2026-11-20", "from: must be an ISO 8601 time"],
    ["from=2026-11-21T00:00:00Z&to=2026-11-20T00:00:00Z", "to: must be after from"],
  ])("%s → 422 naming the field", async (query, message) => {
    const res = await get("admin", query);
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("unprocessable_entity");
    expect(body.error.message).toContain(message);
  });
});
