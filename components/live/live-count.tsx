"use client";

import { useQuery } from "@tanstack/react-query";

import { LIVE_COUNT_POLL_MS, liveCallsOptions } from "@/lib/queries/live";

/** The number of calls in progress, for the navigation; nothing while unknown. */
export function LiveCount() {
  const { data } = useQuery(liveCallsOptions(LIVE_COUNT_POLL_MS));
  if (!data) return null;
  const count = data.items.length;
  return (
    <span
      className={
        count > 0
          ? "bg-success min-w-5 rounded-full px-1.5 text-center text-xs leading-5 font-semibold text-white tabular-nums"
          : "bg-muted text-muted-foreground min-w-5 rounded-full px-1.5 text-center text-xs leading-5 tabular-nums"
      }
      data-testid="live-count"
    >
      <span className="sr-only">(</span>
      {count}
      <span className="sr-only"> {count === 1 ? "call" : "calls"} in progress)</span>
    </span>
  );
}
