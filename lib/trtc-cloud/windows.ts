import type { QualityWindow } from "./types";

// Tencent's query limits, and the splitting that keeps every request inside them.

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** Longest window per action (reference: DescribeRoomInfo, DescribeUserInfo, DescribeCallDetailInfo). */
export const ROOM_WINDOW_MS = 24 * HOUR_MS;
export const USER_WINDOW_MS = 4 * HOUR_MS;
export const METRICS_WINDOW_MS = HOUR_MS;
/** Users per DescribeCallDetailInfo query when metrics are asked for. */
export const METRICS_USERS_PER_QUERY = 6;
/** How far back Tencent keeps monitoring data. */
export const HISTORY_MS = 14 * DAY_MS;
// Start a little inside the 14 days, so the request is not refused by clock skew on the way.
const HISTORY_MARGIN_MS = 5 * 60_000;

/** Consecutive windows of at most `maxMs` covering `w`, in whole seconds (Tencent's unit). */
export function splitWindow(w: QualityWindow, maxMs: number): { start: number; end: number }[] {
  const start = Math.floor(w.from.getTime() / 1000);
  const end = Math.ceil(w.to.getTime() / 1000);
  const step = Math.floor(maxMs / 1000);
  const out: { start: number; end: number }[] = [];
  for (let s = start; s < end; s += step) out.push({ start: s, end: Math.min(end, s + step) });
  if (out.length === 0) out.push({ start, end: start });
  return out;
}

export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The part of `w` Tencent still has, or null when all of it is older than 14 days. */
export function withinHistory(w: QualityWindow, now: number): QualityWindow | null {
  const oldest = now - HISTORY_MS + HISTORY_MARGIN_MS;
  if (w.to.getTime() <= oldest) return null;
  return w.from.getTime() >= oldest ? w : { from: new Date(oldest), to: w.to };
}
