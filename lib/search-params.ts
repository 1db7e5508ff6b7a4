import { createSerializer, parseAsArrayOf, parseAsString, type inferParserType } from "nuqs/server";

import { viewerTimeZone } from "@/lib/call-detail/format-time";
import { isRangePreset, isValidTimeZone, RANGE_PRESETS, resolvePreset } from "@/lib/records/ranges";

// The record browser's URL state (nuqs). The names are exactly those of GET /api/records
// (lib/records/filters.ts), plus `range` (a preset resolved in the browser into `from`) and `tz`
// (how times are shown). Values stay strings here on purpose: the API's zod schema is the one
// judge of what is valid, and its message (e.g. "pageSize: must be from 1 to 200") is shown as-is
// instead of the browser quietly replacing a bad value with a default. Imported from nuqs/server
// (not "use client") so server components can build links with recordsHref too.

export const DEFAULT_SORT = "-startedAt";
export const DEFAULT_TZ = "local";

export const recordsSearchParams = {
  range: parseAsString,
  from: parseAsString,
  to: parseAsString,
  result: parseAsArrayOf(parseAsString, ","),
  type: parseAsString,
  media: parseAsString,
  user: parseAsString,
  room: parseAsString,
  ringMin: parseAsString,
  ringMax: parseAsString,
  talkMin: parseAsString,
  talkMax: parseAsString,
  sort: parseAsString.withDefault(DEFAULT_SORT),
  page: parseAsString,
  pageSize: parseAsString,
  tz: parseAsString.withDefault(DEFAULT_TZ),
};

export type RecordsUrlState = inferParserType<typeof recordsSearchParams>;

/** Builds `/records?...` links (insights, user pages, the search box) with the same encoding. */
export const serializeRecordsParams = createSerializer(recordsSearchParams);

export function recordsHref(values: Partial<RecordsUrlState>): string {
  return serializeRecordsParams("/records", values);
}

/** Every filter at its default: what "Clear filters" sets, in the record browser and insights. */
export const CLEARED_FILTERS = {
  range: null,
  from: null,
  to: null,
  result: null,
  type: null,
  media: null,
  user: null,
  room: null,
  ringMin: null,
  ringMax: null,
  talkMin: null,
  talkMax: null,
} satisfies Partial<RecordsUrlState>;

/** Filters passed to the API unchanged (everything except range/from/to/tz and the array). */
const PASS_THROUGH = [
  "type",
  "media",
  "user",
  "room",
  "ringMin",
  "ringMax",
  "talkMin",
  "talkMax",
  "sort",
  "page",
  "pageSize",
] as const;

/** The filters that narrow the result (not sort, paging or display). */
export const NARROWING = [
  "result",
  "type",
  "media",
  "user",
  "room",
  "ringMin",
  "ringMax",
  "talkMin",
  "talkMax",
] as const;

export type ResolvedRecordsQuery = {
  /** Query string for /api/records and /api/records/export. */
  query: URLSearchParams;
  /** The zone times are shown in (the viewer's own when tz=local). */
  zone: string;
  /** Problems with browser-only parameters (range, tz); the API judges the rest. */
  problems: string[];
};

export function resolveRecordsQuery(
  state: RecordsUrlState,
  now: number,
  localZone: string = viewerTimeZone(),
): ResolvedRecordsQuery {
  const problems: string[] = [];
  let zone = localZone;
  if (state.tz !== "local") {
    if (isValidTimeZone(state.tz)) zone = state.tz;
    else
      problems.push(
        `tz: must be local, UTC or an IANA time zone such as Europe/Berlin (got "${state.tz}")`,
      );
  }

  const query = new URLSearchParams();
  if (state.from !== null || state.to !== null) {
    // Explicit bounds always win over a preset.
    if (state.from !== null) query.set("from", state.from);
    if (state.to !== null) query.set("to", state.to);
  } else if (state.range !== null && state.range !== "custom") {
    // "custom" with no bounds yet (the user is about to pick them) means no time filter.
    if (isRangePreset(state.range)) {
      const { from } = resolvePreset(state.range, zone, now);
      if (from) query.set("from", from);
    } else {
      problems.push(
        `range: must be one of ${RANGE_PRESETS.map((p) => p.value).join(", ")} (got "${state.range}")`,
      );
    }
  }
  if (state.result?.length) query.set("result", state.result.join(","));
  for (const key of PASS_THROUGH) {
    const value = state[key];
    if (value !== null && !(key === "sort" && value === DEFAULT_SORT)) query.set(key, value);
  }
  return { query, zone, problems };
}

/** True when any filter other than time narrows the result. */
export function hasNarrowingFilters(state: RecordsUrlState): boolean {
  return NARROWING.some((key) => {
    const v = state[key];
    return Array.isArray(v) ? v.length > 0 : v !== null && v !== "";
  });
}
