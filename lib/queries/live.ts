import { queryOptions } from "@tanstack/react-query";

import type { LiveCallsResponse } from "@/lib/events/live-types";
import { fetchJson } from "@/lib/queries/fetch-json";

/** A new call shows within this plus one database read: under the 2 s the page promises. */
export const LIVE_LIST_POLL_MS = 1_000;
/** The navigation's count needs less: it shares the page's answer when both are shown. */
export const LIVE_COUNT_POLL_MS = 5_000;

export const liveKeys = { all: ["live"] as const };

export const liveCallsOptions = (pollMs = LIVE_LIST_POLL_MS) =>
  queryOptions({
    queryKey: liveKeys.all,
    queryFn: ({ signal }) => fetchJson<LiveCallsResponse>("/api/live", { signal }),
    refetchInterval: pollMs,
    refetchIntervalInBackground: false,
    retry: false,
  });
