import { formatDuration } from "@/lib/calls/durations";

// Display helpers for the record views.

/** The index's whole seconds in the call page's style ("45s", "2m 05s", "1h 02m 03s"). */
export function formatSeconds(seconds: number | null): string {
  return formatDuration(seconds === null ? null : seconds * 1000);
}

export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

/** "12 s ago", "4 min ago", "3 h ago". */
export function formatAgo(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) return `${s} s ago`;
  const m = Math.round(s / 60);
  if (m < 90) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.round(h / 24)} days ago`;
}

/** Tencent keeps records for 7 days; older rows in the index are archived copies. */
export const UPSTREAM_WINDOW_MS = 7 * 86_400_000;

/** The calendar day of `iso` in `zone`: a key to compare ("2026-12-06") and a heading to show. */
export function dayInZone(iso: string, zone: string): { key: string; label: string } {
  const date = new Date(iso);
  const key = new Intl.DateTimeFormat("en-CA", {
    timeZone: zone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(date);
  const label = new Intl.DateTimeFormat("en-GB", {
    timeZone: zone,
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
  }).format(date);
  return { key, label };
}
