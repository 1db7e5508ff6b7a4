"use client";

import { useSearchParams } from "next/navigation";
import { useSyncExternalStore } from "react";

// The viewer's last time-zone choice, kept in a cookie so it carries across pages and visits.
// A `tz` in the URL still wins: a shared link shows what its author saw.

const COOKIE = "tz";
const YEAR_SECONDS = 365 * 24 * 3600;
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

function usable(zone: string): boolean {
  if (zone === "local") return true;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return zone.length <= 64;
  } catch {
    return false;
  }
}

function readStored(): string | null {
  const match = /(?:^|;\s*)tz=([^;]*)/.exec(document.cookie);
  if (!match) return null;
  const zone = decodeURIComponent(match[1]!);
  return usable(zone) ? zone : null;
}

export function rememberTimeZone(zone: string): void {
  document.cookie = `${COOKIE}=${encodeURIComponent(zone)}; path=/; max-age=${YEAR_SECONDS}; samesite=lax`;
  for (const listener of listeners) listener();
}

/** The remembered choice; `null` during server rendering and when none was made. */
export function useStoredTimeZone(): string | null {
  return useSyncExternalStore(subscribe, readStored, () => null);
}

/** The zone a page shows: the URL's `tz` when present, else the remembered choice, else `urlTz`
 *  (the page's default). */
export function useTimeZoneChoice(urlTz: string): string {
  const inUrl = useSearchParams().has("tz");
  const stored = useStoredTimeZone();
  return inUrl ? urlTz : (stored ?? urlTz);
}
