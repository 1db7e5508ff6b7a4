import { NARROWING } from "@/lib/search-params";

import type { DrillFilters, Insights } from "./types";

// A figure's conditions are intersected with the page's filters, so the record browser's total
// equals the number shown; an empty intersection gets no link.

export type Drill = DrillFilters & { from?: string; to?: string };

function same<T extends string>(a: T | undefined, b: T | undefined): T | undefined | null {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a === b ? a : null;
}

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
  const answered = same(base.answered, figure.answered);
  if (answered === null) return null;
  if (answered !== undefined) out.answered = answered;
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

export function drillSearchParams(drill: Drill, tz?: string): URLSearchParams {
  const params = new URLSearchParams();
  if (drill.from) params.set("from", drill.from);
  if (drill.to) params.set("to", drill.to);
  for (const key of NARROWING) {
    // Insights do not read quality: their figures never narrow by it.
    if (key === "quality") continue;
    const v = drill[key];
    if (v === undefined) continue;
    params.set(key, Array.isArray(v) ? v.join(",") : String(v));
  }
  if (tz) params.set("tz", tz);
  return params;
}

export function drillHref(
  insights: Pick<Insights, "range" | "filters">,
  figure: Drill,
  tz?: string,
): string | null {
  const drill = drillFilters(insights, figure);
  return drill ? `/records?${drillSearchParams(drill, tz).toString()}` : null;
}
