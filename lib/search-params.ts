import { createSerializer, parseAsArrayOf, parseAsString, type inferParserType } from "nuqs/server";

import { viewerTimeZone } from "@/lib/call-detail/format-time";
import {
  isRangePreset,
  isValidTimeZone,
  RANGE_PRESETS,
  resolveAround,
  resolvePreset,
} from "@/lib/records/ranges";

// Values stay strings on purpose: the API's schema judges them and its message is shown, instead
// of the browser quietly replacing a bad value with a default.

export const DEFAULT_SORT = "-startedAt";
export const DEFAULT_TZ = "local";

export const recordsSearchParams = {
  range: parseAsString,
  from: parseAsString,
  to: parseAsString,
  /** Wall time in the chosen zone, e.g. 2026-12-06T15:00: that time ± 1 h. */
  around: parseAsString,
  result: parseAsArrayOf(parseAsString, ","),
  type: parseAsString,
  media: parseAsString,
  /** yes: calls someone answered (an accept time); no: calls nobody answered. */
  answered: parseAsString,
  /** poor | fair | good | unknown: the call's quality verdict once fetched. */
  quality: parseAsString,
  user: parseAsString,
  room: parseAsString,
  ringMin: parseAsString,
  ringMax: parseAsString,
  talkMin: parseAsString,
  talkMax: parseAsString,
  sort: parseAsString.withDefault(DEFAULT_SORT),
  page: parseAsString,
  /** The API's cursor for this page (next/previous); page alone is a direct link. */
  cursor: parseAsString,
  pageSize: parseAsString,
  tz: parseAsString.withDefault(DEFAULT_TZ),
};

export type RecordsUrlState = inferParserType<typeof recordsSearchParams>;

export const serializeRecordsParams = createSerializer(recordsSearchParams);

export function recordsHref(values: Partial<RecordsUrlState>): string {
  return serializeRecordsParams("/records", values);
}

export const CLEARED_FILTERS = {
  range: null,
  from: null,
  to: null,
  around: null,
  result: null,
  type: null,
  media: null,
  answered: null,
  quality: null,
  user: null,
  room: null,
  ringMin: null,
  ringMax: null,
  talkMin: null,
  talkMax: null,
} satisfies Partial<RecordsUrlState>;

const SINGLE_VALUE_FILTERS = [
  "type",
  "media",
  "answered",
  "quality",
  "user",
  "room",
  "ringMin",
  "ringMax",
  "talkMin",
  "talkMax",
] as const;

const PASS_THROUGH = [...SINGLE_VALUE_FILTERS, "sort", "page", "cursor", "pageSize"] as const;

export const NARROWING = ["result", ...SINGLE_VALUE_FILTERS] as const;

const { range, from, to, around, sort, page, cursor, pageSize, tz } = recordsSearchParams;

/** A user's page: the user is in the path; `with` keeps only the calls shared with that person. */
export const userPageSearchParams = {
  range,
  from,
  to,
  around,
  with: parseAsString,
  sort,
  page,
  cursor,
  pageSize,
  tz,
};

export type UserPageUrlState = inferParserType<typeof userPageSearchParams>;

const serializeUserPageParams = createSerializer(userPageSearchParams);

export function userPageHref(userId: string, values: Partial<UserPageUrlState> = {}): string {
  return serializeUserPageParams(`/users/${encodeURIComponent(userId)}`, values);
}

export type ResolvedRecordsQuery = {
  query: URLSearchParams;
  /** The zone times are shown in (the viewer's own when tz=local). */
  zone: string;
  /** Problems with browser-only parameters (range, tz); the API judges the rest. */
  problems: string[];
};

/** The range choices besides the presets: one time ± 1 h, or typed bounds. */
export const AROUND = "around";
export const CUSTOM = "custom";

export function resolveRecordsQuery(
  state: RecordsUrlState & { with?: string | null },
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
    if (state.from !== null) query.set("from", state.from);
    if (state.to !== null) query.set("to", state.to);
  } else if (state.around !== null) {
    const around = resolveAround(state.around, zone);
    if (around) {
      query.set("from", around.from);
      query.set("to", around.to);
    } else {
      problems.push(
        `around: must be a date and time such as 2026-12-06T15:00 (got "${state.around}")`,
      );
    }
  } else if (state.range !== null && state.range !== CUSTOM && state.range !== AROUND) {
    // "custom" or "around" with no time yet (the user is about to type it) means no time filter.
    if (isRangePreset(state.range)) {
      const { from, to } = resolvePreset(state.range, zone, now);
      if (from) query.set("from", from);
      if (to) query.set("to", to);
    } else {
      problems.push(
        `range: must be one of ${[...RANGE_PRESETS.map((p) => p.value), CUSTOM, AROUND].join(", ")} (got "${state.range}")`,
      );
    }
  }
  if (state.result?.length) query.set("result", state.result.join(","));
  if (state.with) query.set("with", state.with);
  for (const key of PASS_THROUGH) {
    const value = state[key];
    if (value !== null && !(key === "sort" && value === DEFAULT_SORT)) query.set(key, value);
  }
  return { query, zone, problems };
}

export function hasNarrowingFilters(state: RecordsUrlState): boolean {
  return NARROWING.some((key) => {
    const v = state[key];
    return Array.isArray(v) ? v.length > 0 : v !== null && v !== "";
  });
}
