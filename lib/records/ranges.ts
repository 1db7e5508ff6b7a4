import { TZDate } from "@date-fns/tz";
import { startOfDay } from "date-fns";

// Client-safe: relative presets are resolved in the browser, against its clock.

export const RANGE_PRESETS = [
  { value: "1h", label: "Last hour" },
  { value: "today", label: "Today" },
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

/** Open-ended, so calls starting while the page is open still count; floored to the minute. */
export function resolvePreset(preset: RangePreset, zone: string, now: number): { from?: string } {
  if (preset === "all") return {};
  if (preset === "today")
    return { from: new Date(startOfDay(new TZDate(now, zone)).getTime()).toISOString() };
  const from = Math.floor((now - DURATION[preset]!) / 60_000) * 60_000;
  return { from: new Date(from).toISOString() };
}

export function wallTimeToIso(value: string, zone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((part) => Number(part ?? 0));
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
