"use client";

import { parseAsString, useQueryStates } from "nuqs";
import { useState } from "react";

import { useViewerTimeZone } from "@/components/calls/local-time";
import { useTimeZoneChoice } from "@/components/console/time-zone-choice";
import {
  DEFAULT_SORT,
  recordsSearchParams,
  resolveRecordsQuery,
  type RecordsUrlState,
} from "@/lib/search-params";

// Insights share the record browser's URL state (same names, same filter bar), so a filter set
// here reads the same in /records. Two differences: the range defaults to the last 7 days, and
// `bucket` picks hour or day buckets (the server picks when it is absent).

export const insightsSearchParams = {
  ...recordsSearchParams,
  range: parseAsString.withDefault("7d"),
  bucket: parseAsString,
};

export type InsightsUrlState = RecordsUrlState & { range: string; bucket: string | null };

const DAY = 86_400_000;
const readClock = () => Date.now();

export function resolveInsightsUrl(
  state: InsightsUrlState,
  now: number,
  localZone: string,
  retentionDays: number,
) {
  const whole = state.range === "all" && state.from === null && state.to === null;
  const resolved = resolveRecordsQuery(
    { ...state, range: whole ? null : state.range, sort: DEFAULT_SORT, page: null, pageSize: null },
    now,
    localZone,
  );
  const query = resolved.query;
  for (const key of ["sort", "page", "pageSize"]) query.delete(key);
  if (whole) {
    // The whole retention, pinned at both ends so the span never grows past what the API allows.
    query.set(
      "from",
      new Date(Math.ceil((now - retentionDays * DAY) / 60_000) * 60_000).toISOString(),
    );
    query.set("to", new Date(now).toISOString());
  }
  query.set("tz", resolved.zone);
  if (state.bucket) query.set("bucket", state.bucket);
  return { query, zone: resolved.zone, problems: resolved.problems };
}

export function useInsightsUrl(retentionDays: number) {
  const [url, setUrl] = useQueryStates(insightsSearchParams, { history: "push", scroll: false });
  const state = { ...url, tz: useTimeZoneChoice(url.tz) };
  const localZone = useViewerTimeZone();
  // Presets are resolved against the clock once per change of preset or zone, so the query (and
  // cache entry) stays put while the page is open. The clock is read once the viewer's zone is
  // known, which is only after hydration, so the server and the first client render agree.
  const key = `${state.range}|${state.tz}`;
  const [anchor, setAnchor] = useState<{ key: string; at: number } | null>(null);
  if (localZone !== null && anchor?.key !== key) setAnchor({ key, at: readClock() });

  const resolved =
    localZone !== null && anchor?.key === key
      ? resolveInsightsUrl(state, anchor.at, localZone, retentionDays)
      : null;

  // The shared filter bar sets range to null for "Whole retention" (its default); here null means
  // the 7-day default, so that choice is written out.
  const set = (patch: Partial<RecordsUrlState>) => {
    const next = { ...patch };
    if ("range" in next && next.range === null && next.from === null && next.to === null)
      next.range = "all";
    void setUrl(next);
  };
  return { state, set, setUrl, resolved };
}
