import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { GET as getInsights } from "@/app/api/insights/route";
import { GET as getExport } from "@/app/api/records/export/route";
import { GET as getRecords } from "@/app/api/records/route";
import { upsertRecords } from "@/lib/sync/store";
import { APP_DATABASES } from "@/test/databases";
import { requestAs } from "@/test/session";

import { syntheticRecords } from "./testing";

// Values PostgreSQL would refuse are refused by the shared filter schema first: 422 naming the
// field on the list, the insights and the export (before the CSV's first byte), on both drivers.

const ROUTES = [
  ["/api/records", getRecords],
  ["/api/insights", getInsights],
  ["/api/records/export", getExport],
] as const;

const HOSTILE: [query: string, field: string, message: string][] = [
  ["user=al%00ice", "user", "must not contain control characters"],
  ["room=r%1B%5B31m", "room", "must not contain control characters"],
  ["user=a%0Ab", "user", "must not contain control characters"],
  ["from=0000-01-01T00:00:00Z", "from", "must be in the years 1970 to 9999"],
  ["to=0001-01-01T00:00:00Z", "to", "must be in the years 1970 to 9999"],
  ["from=1969-12-31T23:59:59Z", "from", "must be in the years 1970 to 9999"],
  ["to=9999-12-31T23:59:59-23:59", "to", "must have a zone offset between -14:00 and +14:00"],
  ["to=9999-12-31T23:59:59-02:00", "to", "must be in the years 1970 to 9999"],
  ["from=2026-01-01T00:00:00%2B14:01", "from", "must have a zone offset between"],
];

describe.each(APP_DATABASES)("hostile filter values on $name", ({ open }) => {
  let handle: Awaited<ReturnType<typeof open>>;
  beforeAll(async () => {
    handle = await open();
    await upsertRecords(handle.db, syntheticRecords(120, { seed: 5 }));
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await handle.dispose();
  });

  describe.each(ROUTES)("%s", (path, GET) => {
    it.each(HOSTILE)("%s → 422 naming %s", async (query, field, message) => {
      const res = await GET(await requestAs("manager", `${path}?${query}`));
      expect(res.status).toBe(422);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      const body = (await res.json()) as {
        error: { code: string; message: string; details: { issues: { field: string }[] } };
      };
      expect(body.error.code).toBe("unprocessable_entity");
      expect(body.error.message).toContain(`${field}: ${message}`);
      expect(body.error.details.issues[0]!.field).toBe(field);
    });

    it("accepts the edges: +14:00, -14:00, 1970 and 9999", async () => {
      const query = "from=1970-01-01T14:00:00%2B14:00&to=9999-12-31T09:59:59-14:00";
      const res = await GET(await requestAs("manager", `${path}?${query}&tz=UTC`));
      // Insights caps the span at the retention; that is its own 422 about the range.
      if (path === "/api/insights") expect(res.status).toBe(422);
      else expect(res.status, await res.clone().text()).toBe(200);
    });
  });

  it("ends a CSV that fails after its first bytes with a line saying it is incomplete", async () => {
    const execute = handle.db.execute.bind(handle.db);
    let calls = 0;
    // Zone check, the walk's snapshot, the rows with a ring time, then the rows without one: the
    // fourth query fails.
    const spy = vi.spyOn(handle.db, "execute").mockImplementation(((
      query: Parameters<typeof execute>[0],
    ) => {
      calls += 1;
      if (calls === 4) return Promise.reject(new Error("connection lost"));
      return execute(query);
    }) as typeof handle.db.execute);
    const res = await getExport(await requestAs("manager", "/api/records/export?sort=ringSeconds"));
    expect(res.status).toBe(200);
    const lines = (await res.text()).trimEnd().split("\r\n");
    spy.mockRestore();
    expect(calls).toBe(4);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.at(-1)).toMatch(/^# EXPORT INCOMPLETE: the server failed after \d+ rows/);
    expect(lines.at(-1)).toContain("download again");
  });

  it("answers an error, not a cut file, when the first batch fails", async () => {
    const execute = handle.db.execute.bind(handle.db);
    let calls = 0;
    const spy = vi.spyOn(handle.db, "execute").mockImplementation(((
      query: Parameters<typeof execute>[0],
    ) => {
      calls += 1;
      if (calls === 3) return Promise.reject(new Error("connection lost")); // zone, snapshot, batch
      return execute(query);
    }) as typeof handle.db.execute);
    const res = await getExport(await requestAs("manager", "/api/records/export"));
    spy.mockRestore();
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("internal");
  });
});
