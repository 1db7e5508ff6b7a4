import { formatCount } from "@/components/records/format";
import { CALL_TYPE_LABELS, MEDIA_LABELS } from "@/lib/calls/vocabulary";
import type { Bucket } from "@/lib/insights/params";
import type { Insights } from "@/lib/insights/types";

// Display helpers for insights. Colours are mid-lightness so that they read on both the light
// and the dark card; each result keeps its colour on every chart.

export { formatCount };

const RESULT_COLORS: Record<string, string> = {
  NormalEnd: "oklch(0.66 0.15 150)",
  Cancel: "oklch(0.66 0.03 255)",
  Reject: "oklch(0.7 0.16 55)",
  NotAnswer: "oklch(0.8 0.15 90)",
  CallBusy: "oklch(0.62 0.16 300)",
  Interrupt: "oklch(0.62 0.2 25)",
  Offline: "oklch(0.68 0.15 350)",
};
const OTHER_COLORS = ["oklch(0.7 0.11 195)", "oklch(0.6 0.1 230)", "oklch(0.72 0.09 130)"];

export function resultColor(result: string): string {
  if (RESULT_COLORS[result]) return RESULT_COLORS[result];
  let h = 0;
  for (const ch of result) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return OTHER_COLORS[h % OTHER_COLORS.length]!;
}

export { resultLabel } from "@/lib/calls/vocabulary";

const SEGMENT_LABELS: Record<string, string> = { ...CALL_TYPE_LABELS, ...MEDIA_LABELS };
export const segmentLabel = (key: string) => SEGMENT_LABELS[key] ?? key;

export function formatPercent(rate: number | null): string {
  return rate === null ? "—" : `${(rate * 100).toFixed(1)}%`;
}

/** Percentiles can fall between two whole seconds: "12.5s", "1m 05s". */
export function formatSecondsFine(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return "—";
  if (seconds < 60) return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)}s`;
  const whole = Math.round(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}h ${pad(m)}m` : `${m}m ${pad(s)}s`;
}

/** Compact bin labels that fit under a bar: "5–10s", "30s–1m", "10–30m", "60m+". */
export function binLabel(min: number, max: number | null): string {
  const inMinutes = (s: number) => s >= 60 && s % 60 === 0;
  const f = (s: number) => (inMinutes(s) ? `${s / 60}m` : `${s}s`);
  if (max === null) return `${f(min)}+`;
  // Bins hold whole seconds, inclusive: 5–9 s is everything from 5 s up to just under 10 s.
  const end = max + 1;
  if (inMinutes(min) && inMinutes(end)) return `${min / 60}–${end / 60}m`;
  if (!inMinutes(min) && !inMinutes(end)) return `${min}–${end}s`;
  return `${f(min)}–${f(end)}`;
}

export function bucketLabel(iso: string, bucket: Bucket, zone: string): string {
  const options: Intl.DateTimeFormatOptions =
    bucket === "day"
      ? { timeZone: zone, weekday: "short", day: "numeric", month: "short" }
      : {
          timeZone: zone,
          day: "numeric",
          month: "short",
          hour: "2-digit",
          minute: "2-digit",
          hourCycle: "h23",
        };
  return new Intl.DateTimeFormat("en-GB", options).format(new Date(iso));
}

const instantFormat = (zone: string) =>
  new Intl.DateTimeFormat("en-GB", {
    timeZone: zone,
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });

export function rangeLabel(from: string, to: string, zone: string): string {
  const f = instantFormat(zone);
  return `${f.format(new Date(from))} – ${f.format(new Date(to))} (${zone})`;
}

/** "26 Nov 2026, 15:42 (UTC)" */
export const instantLabel = (iso: string, zone: string) =>
  `${instantFormat(zone).format(new Date(iso))} (${zone})`;

/**
 * Fewer calls than this in the previous period and a change against it says nothing useful:
 * one call then and 5,010 now read "+500900%", and a narrow filter (one user, one room) turns a
 * call or two either way into double-digit percentages.
 */
const MIN_PREVIOUS_CALLS = 20;

/**
 * Range presets start on a whole minute, so "the last 7 days" opened in the first minute after
 * the first sync would start up to a minute before the index: that much is taken as covered.
 */
const COVERAGE_SLACK_MS = 60_000;

/**
 * How much of a period the index holds: all of it, part (it starts before the index does: the
 * first weeks after installing, or past the retention), or none. Part, too, while the first
 * backfill runs.
 */
export function periodCoverage(
  data: Insights,
  period: "current" | "previous",
): "whole" | "part" | "none" {
  const { completeFrom } = data.coverage;
  if (completeFrom === null) return "part";
  const [start, end] =
    period === "current"
      ? [data.range.from, data.range.to]
      : [data.range.previousFrom, data.range.previousTo];
  const indexed = Date.parse(completeFrom);
  if (Date.parse(start) >= indexed - COVERAGE_SLACK_MS) return "whole";
  return Date.parse(end) <= indexed ? "none" : "part";
}

/**
 * Whether the previous period is shown at all: only when the index holds all of it. Otherwise the
 * coverage note says it is not compared, and a partial count beside the figures would mislead.
 */
export const previousShown = (data: Insights) => periodCoverage(data, "previous") === "whole";

/**
 * Whether changes against the previous period mean anything: all of it indexed, and enough calls
 * behind the figure (all its calls, or those with a ring or talk time for a duration).
 */
export const previousComparable = (
  data: Insights,
  previousCalls: number = data.summary.previous.total,
) => periodCoverage(data, "previous") === "whole" && previousCalls >= MIN_PREVIOUS_CALLS;

/** "+4.2 pts" / "−12%" style change against the previous period, or null when not comparable. */
export function change(
  current: number | null,
  previous: number | null,
  kind: "count" | "rate" | "seconds",
): string | null {
  if (current === null || previous === null) return null;
  if (kind === "rate") {
    const pts = (current - previous) * 100;
    return `${pts >= 0 ? "+" : "−"}${Math.abs(pts).toFixed(1)} pts`;
  }
  if (previous === 0) return current === 0 ? "no change" : null;
  const pct = ((current - previous) / previous) * 100;
  return `${pct >= 0 ? "+" : "−"}${Math.abs(pct).toFixed(0)}%`;
}
