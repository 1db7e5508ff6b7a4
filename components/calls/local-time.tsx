"use client";

import { useSyncExternalStore } from "react";

import { formatInZone, formatUtc, viewerTimeZone } from "@/lib/call-detail/format-time";

const subscribe = () => () => {};

/** The viewer's IANA zone; `null` during server rendering, where the viewer's zone is unknown. */
export function useViewerTimeZone(): string | null {
  return useSyncExternalStore(subscribe, viewerTimeZone, () => null);
}

/** A time in the viewer's zone and in UTC. The server renders UTC only, then the zone fills in. */
export function LocalTime({ iso }: { iso: string }) {
  const zone = useViewerTimeZone();
  return (
    <span className="flex flex-col">
      <time dateTime={iso} className="font-medium">
        {zone && zone !== "UTC" ? formatInZone(iso, zone) : formatUtc(iso)}
      </time>
      {zone && zone !== "UTC" ? (
        <span className="text-muted-foreground text-xs">{formatUtc(iso)}</span>
      ) : null}
    </span>
  );
}
