import { NARROWING } from "@/lib/search-params";

import type { DrillFilters, Insights } from "./types";

// Drill-down: the record-browser query behind each figure. The figure's own conditions are
// intersected with the filters the insights were computed under, so the browser's total equals
// the number shown. When the intersection is empty (say the page filters on Cancel and the figure
// is NormalEnd) there is nothing to open and the figure gets no link.

export type Drill = DrillFilters & { from?: string; to?: string };

function same(a: string | undefined, b: string | undefined): string | undefined | null {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a === b ? a : null;
}

/** The record filters behind a figure, or null when no call can match both. */
export function drillFilters(
  insights: Pick<Insights, "range" | "filters">,
  figure: Drill,
): Drill | null {
  const base = insights.filters;
  const out: Drill = {
    from: figure.from ?? insights.range.from,
    to: figure.to ?? insights.range.to,
  };
  if (figure.result && base.result) {
    const both = figure.result.filter((r) => base.result!.includes(r));
    if (both.length === 0) return null;
    out.result = both;
  } else {
    const result = figure.result ?? base.result;
    if (result) out.result = result;
  }
  for (const key of ["type", "media", "user", "room"] as const) {
    const v = same(base[key], figure[key]);
    if (v === null) return null;
    if (v !== undefined) out[key] = v;
  }
  for (const [min, max] of [
    ["ringMin", "ringMax"],
    ["talkMin", "talkMax"],
  ] as const) {
    const lo = [base[min], figure[min]].filter((v) => v !== undefined);
    const hi = [base[max], figure[max]].filter((v) => v !== undefined);
    if (lo.length) out[min] = Math.max(...lo);
    if (hi.length) out[max] = Math.min(...hi);
    if (out[min] !== undefined && out[max] !== undefined && out[min] > out[max]) return null;
  }
  return out;
}

/** Query string for /records and GET /api/records (names as the API takes them). */
export function drillSearchParams(drill: Drill, tz?: string): URLSearchParams {
  const params = new URLSearchParams();
  if (drill.from) params.set("from", drill.from);
  if (drill.to) params.set("to", drill.to);
  for (const key of NARROWING) {
    const v = drill[key];
    if (v === undefined) continue;
    params.set(key, Array.isArray(v) ? v.join(",") : String(v));
  }
  if (tz) params.set("tz", tz);
  return params;
}

/** Link into the record browser for a figure (times shown in `tz`), or null when nothing can match. */
export function drillHref(
  insights: Pick<Insights, "range" | "filters">,
  figure: Drill,
  tz?: string,
): string | null {
  const drill = drillFilters(insights, figure);
  return drill ? `/records?${drillSearchParams(drill, tz).toString()}` : null;
}
