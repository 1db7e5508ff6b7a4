import { describe, expect, it } from "vitest";

import { insightsQuerySchema } from "./params";

// Bad query strings of GET /api/insights are answered field by field, never with a crash.

const issues = (query: Record<string, string | string[]>) => {
  const r = insightsQuerySchema.safeParse(query);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("insightsQuerySchema", () => {
  it("reports a malformed from or to as that field, whatever the other holds", () => {
    expect(issues({ from: "yesterday", to: "2026-11-20T00:00:00Z" })).toEqual([
      expect.stringMatching(/^from: must be an ISO 8601 time/),
    ]);
    expect(issues({ from: "2026-11-20T00:00:00Z", to: "soon" })).toEqual([
      expect.stringMatching(/^to: must be an ISO 8601 time/),
    ]);
  });

  it("refuses a range that ends before it starts, and maxima below their minima", () => {
    expect(
      issues({
        from: "2026-11-20T00:00:00Z",
        to: "2026-11-19T00:00:00Z",
        ringMin: "10",
        ringMax: "5",
        talkMin: "3",
        talkMax: "2",
      }),
    ).toEqual([
      "to: must be after from",
      "ringMax: must not be below ringMin",
      "talkMax: must not be below talkMin",
    ]);
  });

  it("refuses an unknown time zone and bucket, and a repeated parameter", () => {
    expect(issues({ tz: "Mars/Olympus", bucket: "week", media: ["audio", "video"] })).toEqual([
      "media: give this parameter once",
      expect.stringMatching(/^tz: must be an IANA time zone/),
      "bucket: must be hour or day",
    ]);
  });

  it("defaults the zone to UTC", () => {
    expect(insightsQuerySchema.parse({}).tz).toBe("UTC");
  });
});
