"use client";

import { useSyncExternalStore } from "react";

import { useTimeZoneChoice } from "@/components/console/time-zone-choice";
import { formatInZone, formatUtc, viewerTimeZone } from "@/lib/call-detail/format-time";

const subscribe = () => () => {};

/** The viewer's IANA zone; `null` during server rendering, where the viewer's zone is unknown. */
export function useViewerTimeZone(): string | null {
  return useSyncExternalStore(subscribe, viewerTimeZone, () => null);
}

/** The zone the viewer chose (URL `tz`, else remembered), with "local" read as their own zone. */
export function useShownTimeZone(): string | null {
  const viewer = useViewerTimeZone();
  const chosen = useTimeZoneChoice("local");
  if (viewer === null) return null;
  return chosen === "local" ? viewer : chosen;
}

/** A time in the chosen zone and in UTC. The server renders UTC only, then the zone fills in. */
export function LocalTime({ iso }: { iso: string }) {
  const zone = useShownTimeZone();
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
