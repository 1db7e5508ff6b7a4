import { TZDate } from "@date-fns/tz";
import { startOfDay, subDays } from "date-fns";

// Client-safe: relative presets are resolved in the browser, against its clock.

export const RANGE_PRESETS = [
  { value: "1h", label: "Last hour" },
  { value: "today", label: "Today" },
  { value: "yesterday", label: "Yesterday" },
  { value: "24h", label: "Last 24 hours" },
  { value: "7d", label: "Last 7 days" },
  { value: "all", label: "Whole retention" },
] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number]["value"];

const HOUR = 3_600_000;
const DURATION: Partial<Record<RangePreset, number>> = {
  "1h": HOUR,
  "24h": 24 * HOUR,
  "7d": 7 * 24 * HOUR,
};

export function isRangePreset(value: string): value is RangePreset {
  return RANGE_PRESETS.some((p) => p.value === value);
}

export function isValidTimeZone(zone: string): boolean {
  if (zone.length === 0 || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** "Around a time" is that time ± this. */
export const AROUND_MS = HOUR;

const isoOf = (d: Date) => new Date(d.getTime()).toISOString();

/**
 * Open-ended, so calls starting while the page is open still count; floored to the minute.
 * Days are calendar days in `zone` (23 or 25 hours long when the clocks change).
 */
export function resolvePreset(
  preset: RangePreset,
  zone: string,
  now: number,
): { from?: string; to?: string } {
  if (preset === "all") return {};
  const midnight = startOfDay(new TZDate(now, zone));
  if (preset === "today") return { from: isoOf(midnight) };
  if (preset === "yesterday")
    return { from: isoOf(startOfDay(subDays(new TZDate(now, zone), 1))), to: isoOf(midnight) };
  const from = Math.floor((now - DURATION[preset]!) / 60_000) * 60_000;
  return { from: new Date(from).toISOString() };
}

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** "2026-12-06T15:00" (seconds optional) read as wall time in `zone`; null if not a real time. */
export function wallTimeToIso(value: string, zone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((part) => Number(part ?? 0));
  if (mo! < 1 || mo! > 12 || d! < 1 || d! > daysIn(y!, mo!) || h! > 23 || mi! > 59 || s! > 59)
    return null;
  const date = new TZDate(y!, mo! - 1, d!, h!, mi!, s!, zone);
  const t = date.getTime();
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

export function isoToWallTime(iso: string, zone: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return "";
  const d = new TZDate(t, zone);
  const pad = (n: number) => String(n).padStart(2, "0");
  const secs = d.getSeconds() ? `:${pad(d.getSeconds())}` : "";
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}${secs}`;
}

/** The hour either side of a wall time in `zone`, for "my call failed around 3 pm". */
export function resolveAround(value: string, zone: string): { from: string; to: string } | null {
  const iso = wallTimeToIso(value, zone);
  if (iso === null) return null;
  const t = Date.parse(iso);
  return { from: new Date(t - AROUND_MS).toISOString(), to: new Date(t + AROUND_MS).toISOString() };
}
