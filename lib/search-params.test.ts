import { describe, expect, it } from "vitest";

import { recordFiltersSchema } from "@/lib/records/filters";
import { isoToWallTime, resolvePreset, wallTimeToIso } from "@/lib/records/ranges";

import {
  recordsHref,
  recordsSearchParams,
  userPageHref,
  resolveRecordsQuery,
  type RecordsUrlState,
} from "./search-params";

const EMPTY = Object.fromEntries(
  Object.keys(recordsSearchParams).map((k) => [k, null]),
) as unknown as RecordsUrlState;
const state = (patch: Partial<RecordsUrlState>): RecordsUrlState => ({
  ...EMPTY,
  sort: "-startedAt",
  tz: "local",
  ...patch,
});
const NOW = Date.UTC(2026, 10, 22, 3, 30, 42);

describe("record browser URL → API query", () => {
  it("passes the API's own names through and leaves the default sort out", () => {
    const unchanged = {
      type: "single",
      media: "video",
      user: "alice",
      room: "42",
      page: "3",
      pageSize: "25",
    };
    const { query, problems } = resolveRecordsQuery(
      state({ result: ["NormalEnd", "Cancel"], ...unchanged }),
      NOW,
      "UTC",
    );
    expect(problems).toEqual([]);
    expect(Object.fromEntries(query)).toEqual({ result: "NormalEnd,Cancel", ...unchanged });
    // Whatever the browser sends, the shared filter schema accepts.
    expect(recordFiltersSchema.safeParse(Object.fromEntries(query)).success).toBe(true);
  });

  it("lets explicit from/to win over a preset", () => {
    const { query } = resolveRecordsQuery(
      state({ range: "1h", from: "2026-11-20T00:00:00Z", to: "2026-11-21T00:00:00Z" }),
      NOW,
      "UTC",
    );
    expect(query.get("from")).toBe("2026-11-20T00:00:00Z");
    expect(query.get("to")).toBe("2026-11-21T00:00:00Z");
  });

  it("resolves presets against the clock, floored to the minute, open-ended", () => {
    const { query } = resolveRecordsQuery(state({ range: "24h" }), NOW, "UTC");
    expect(query.get("from")).toBe("2026-11-21T03:30:00.000Z");
    expect(query.has("to")).toBe(false);
    expect(resolvePreset("all", "UTC", NOW)).toEqual({});
  });

  it("starts 'today' at midnight in the chosen zone", () => {
    expect(resolvePreset("today", "UTC", NOW).from).toBe("2026-11-22T00:00:00.000Z");
    // 03:30 UTC is 11:30 in Shanghai (UTC+8): its day began at 16:00 UTC the day before.
    expect(resolvePreset("today", "Asia/Shanghai", NOW).from).toBe("2026-11-21T16:00:00.000Z");
    const { query } = resolveRecordsQuery(
      state({ range: "today", tz: "Asia/Shanghai" }),
      NOW,
      "UTC",
    );
    expect(query.get("from")).toBe("2026-11-21T16:00:00.000Z");
  });

  it("closes 'yesterday' at midnight of today in the chosen zone", () => {
    const { query } = resolveRecordsQuery(
      state({ range: "yesterday", tz: "Asia/Shanghai" }),
      NOW,
      "UTC",
    );
    expect(Object.fromEntries(query)).toEqual({
      from: "2026-11-20T16:00:00.000Z",
      to: "2026-11-21T16:00:00.000Z",
    });
  });

  it("turns 'around' into the hour either side, read in the chosen zone", () => {
    const around = (tz: string, local = "UTC") =>
      Object.fromEntries(
        resolveRecordsQuery(state({ around: "2026-12-06T15:00", tz }), NOW, local).query,
      );
    expect(around("UTC")).toEqual({
      from: "2026-12-06T14:00:00.000Z",
      to: "2026-12-06T16:00:00.000Z",
    });
    expect(around("local", "Europe/Berlin")).toEqual({
      from: "2026-12-06T13:00:00.000Z",
      to: "2026-12-06T15:00:00.000Z",
    });
    // Typed bounds win over "around", which wins over a preset.
    const both = resolveRecordsQuery(
      state({ around: "2026-12-06T15:00", from: "2026-11-20T00:00:00Z", range: "today" }),
      NOW,
      "UTC",
    );
    expect(Object.fromEntries(both.query)).toEqual({ from: "2026-11-20T00:00:00Z" });
    const overPreset = resolveRecordsQuery(
      state({ around: "2026-12-06T15:00", range: "7d" }),
      NOW,
      "UTC",
    );
    expect(overPreset.query.get("to")).toBe("2026-12-06T16:00:00.000Z");
    expect(resolveRecordsQuery(state({ range: "around" }), NOW, "UTC").query.toString()).toBe("");
    expect(resolveRecordsQuery(state({ around: "yesterday 3pm" }), NOW, "UTC").problems[0]).toMatch(
      /^around: must be a date and time such as 2026-12-06T15:00/,
    );
  });

  it("passes the other person of a user's page on to the API", () => {
    const { query } = resolveRecordsQuery({ ...state({ user: "alice" }), with: "bob" }, NOW, "UTC");
    expect(Object.fromEntries(query)).toEqual({ user: "alice", with: "bob" });
    expect(recordFiltersSchema.safeParse(Object.fromEntries(query)).success).toBe(true);
    expect(userPageHref("a b", { range: "yesterday", with: "bob" })).toBe(
      "/users/a%20b?range=yesterday&with=bob",
    );
  });

  it("names a bad range or time zone instead of ignoring it", () => {
    expect(resolveRecordsQuery(state({ range: "3weeks" }), NOW, "UTC").problems[0]).toMatch(
      /^range: must be one of 1h, today/,
    );
    expect(resolveRecordsQuery(state({ tz: "Mars/Olympus" }), NOW, "UTC").problems[0]).toMatch(
      /^tz: must be local, UTC or an IANA/,
    );
    expect(resolveRecordsQuery(state({ tz: "Europe/Berlin" }), NOW, "UTC").zone).toBe(
      "Europe/Berlin",
    );
    expect(resolveRecordsQuery(state({}), NOW, "Asia/Tokyo").zone).toBe("Asia/Tokyo");
  });

  it("builds /records links with the same names", () => {
    expect(recordsHref({ user: "a b", result: ["NotAnswer", "Offline"], tz: "UTC" })).toBe(
      "/records?result=NotAnswer,Offline&user=a+b&tz=UTC",
    );
  });
});

describe("custom range inputs", () => {
  it("reads wall time in the chosen zone and writes it back", () => {
    expect(wallTimeToIso("2026-11-20T10:00", "Asia/Shanghai")).toBe("2026-11-20T02:00:00.000Z");
    expect(wallTimeToIso("2026-11-20T10:00:30", "UTC")).toBe("2026-11-20T10:00:30.000Z");
    expect(wallTimeToIso("20/11/2026", "UTC")).toBeNull();
    expect(isoToWallTime("2026-11-20T02:00:00.000Z", "Asia/Shanghai")).toBe("2026-11-20T10:00");
  });
});
