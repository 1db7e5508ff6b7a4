import { describe, expect, it } from "vitest";

import { drillFilters, drillHref, drillSearchParams } from "./drill";
import { insightsQuerySchema, resolveInsightsQuery } from "./params";
import type { Insights } from "./types";

const range: Insights["range"] = {
  from: "2026-11-13T00:00:00.000Z",
  to: "2026-11-20T00:00:00.000Z",
  previousFrom: "2026-11-06T00:00:00.000Z",
  previousTo: "2026-11-13T00:00:00.000Z",
  tz: "Europe/Berlin",
  bucket: "day",
};

describe("drillFilters", () => {
  it("adds the figure's conditions to the page's filters, range included", () => {
    const d = drillFilters(
      { range, filters: { media: "video" } },
      { result: ["Cancel"], type: "group" },
    );
    expect(d).toEqual({
      from: range.from,
      to: range.to,
      media: "video",
      result: ["Cancel"],
      type: "group",
    });
  });

  it("intersects results, and has nothing to open when the intersection is empty", () => {
    const page = { range, filters: { result: ["Cancel", "Reject"] } };
    expect(drillFilters(page, { result: ["Reject", "NotAnswer"] })?.result).toEqual(["Reject"]);
    expect(drillFilters(page, { result: ["NormalEnd"] })).toBeNull();
    expect(drillFilters(page, {})?.result).toEqual(["Cancel", "Reject"]);
  });

  it("refuses a second user or a different type, and narrows duration bounds", () => {
    expect(drillFilters({ range, filters: { user: "alice" } }, { user: "bob" })).toBeNull();
    expect(drillFilters({ range, filters: { type: "single" } }, { type: "group" })).toBeNull();
    expect(
      drillFilters({ range, filters: { ringMin: 5 } }, { ringMin: 0, ringMax: 9 }),
    ).toMatchObject({ ringMin: 5, ringMax: 9 });
    expect(drillFilters({ range, filters: { ringMax: 4 } }, { ringMin: 5, ringMax: 9 })).toBeNull();
  });

  it("writes the browser's parameter names, results comma-separated, with the zone", () => {
    const href = drillHref(
      { range, filters: {} },
      { result: ["Cancel", "Reject"], talkMin: 60, talkMax: 119 },
      "UTC",
    );
    const url = new URL(href!, "http://x");
    expect(url.pathname).toBe("/records");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      from: range.from,
      to: range.to,
      result: "Cancel,Reject",
      talkMin: "60",
      talkMax: "119",
      tz: "UTC",
    });
    expect(drillSearchParams({ from: range.from }).has("tz")).toBe(false);
  });
});

describe("resolveInsightsQuery", () => {
  const now = Date.parse("2026-11-20T12:00:00Z");
  const resolve = (q: Record<string, string>) =>
    resolveInsightsQuery(insightsQuerySchema.parse(q), now, 90);

  it("defaults to the last 7 days in UTC with day buckets, and hours for two days or less", () => {
    expect(resolve({})).toMatchObject({
      from: new Date(now - 7 * 86_400_000),
      to: new Date(now),
      previousFrom: new Date(now - 14 * 86_400_000),
      tz: "UTC",
      bucket: "day",
    });
    expect(resolve({ from: "2026-11-19T12:00:00Z" })).toMatchObject({ bucket: "hour" });
  });

  it("names the field of a range past the retention, a start after now, or too many hours", () => {
    expect(resolve({ from: "2026-08-01T00:00:00Z" })).toMatchObject({ field: "from" });
    expect(resolve({ from: "2026-11-21T00:00:00Z" })).toMatchObject({
      field: "from",
      message: "must be before to",
    });
    expect(resolve({ from: "2026-10-01T00:00:00Z", bucket: "hour" })).toMatchObject({
      field: "bucket",
    });
  });

  it("rejects unknown zones and buckets with the field's name", () => {
    const bad = insightsQuerySchema.safeParse({ tz: "Mars/Olympus", bucket: "week" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join("."))).toEqual(["tz", "bucket"]);
  });
});
