import type { NextStepLookup } from "@/lib/calls/types";
import { isoToWallTime } from "@/lib/records/ranges";
import { recordsHref } from "@/lib/search-params";

// Next steps that are lookups become links to the view that answers them. Pure: the call page
// builds them in the browser and tests call them as they are.

export type NextStepLink = { label: string; href: string };

/**
 * Records of `userId` from an hour before to an hour after `startedAt`. The wall time is written
 * in `zone` and the zone goes with it, so the link means the same hour whoever opens it.
 */
export function callsAroundHref(userId: string, startedAt: string, zone: string): string {
  return recordsHref({ user: userId, around: isoToWallTime(startedAt, zone), tz: zone });
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
