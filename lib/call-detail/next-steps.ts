import type { NextStepLookup } from "@/lib/calls/types";

import { formatInZone } from "./format-time";

// Next steps that are lookups become links to the view that answers them. Pure, and built on Intl
// alone (no URL-state or date library), so the call page's bundle does not grow; the unit test
// reads the links back with the Records page's own parser.

export type NextStepLink = { label: string; href: string };

/**
 * Records of `userId` from an hour before to an hour after `startedAt`. The wall time is written
 * in `zone` and the zone goes with it, so the link means the same hour whoever opens it.
 */
export function callsAroundHref(userId: string, startedAt: string, zone: string): string {
  // "2026-12-06 15:02:07 GMT+1" → "2026-12-06T15:02:07"; whole minutes without ":00".
  const wall = formatInZone(startedAt, zone).slice(0, 19).replace(" ", "T").replace(/:00$/, "");
  return `/records?${new URLSearchParams({ user: userId, around: wall, tz: zone }).toString()}`;
}

export function nextStepLinks(
  lookup: NextStepLookup | undefined,
  call: { callees: string[]; startedAt: string | null },
  zone: string,
): NextStepLink[] {
  if (lookup !== "callee_calls_around_start" || !call.startedAt) return [];
  const startedAt = call.startedAt;
  return call.callees.map((userId) => ({
    label: `${userId}'s calls around this call's start (± 1 h)`,
    href: callsAroundHref(userId, startedAt, zone),
  }));
}
