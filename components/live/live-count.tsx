"use client";

import { useQuery } from "@tanstack/react-query";

import { LIVE_COUNT_POLL_MS, liveCallsOptions } from "@/lib/queries/live";

function useLiveCount(): number | null {
  const { data } = useQuery(liveCallsOptions(LIVE_COUNT_POLL_MS));
  return data ? data.items.length : null;
}

/** The number beside the navigation's "Live"; screen readers get it from LiveCountText. */
export function LiveCount() {
  const count = useLiveCount();
  if (count === null) return null;
  return (
    <span
      aria-hidden
      className={
        count > 0
          ? "bg-success min-w-5 rounded-full px-1.5 text-center text-xs leading-5 font-semibold text-white tabular-nums"
          : "bg-muted text-muted-foreground min-w-5 rounded-full px-1.5 text-center text-xs leading-5 tabular-nums"
      }
      data-testid="live-count"
    >
      {count}
    </span>
  );
}

/** The count in words, as the link's description: its name stays "Live". */
export function LiveCountText({ id }: { id: string }) {
  const count = useLiveCount();
  return (
    <span id={id} className="sr-only">
      {count === null ? "" : `${count} ${count === 1 ? "call" : "calls"} in progress`}
    </span>
  );
}
