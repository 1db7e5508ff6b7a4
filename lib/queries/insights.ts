import { keepPreviousData, queryOptions } from "@tanstack/react-query";

import type { Insights } from "@/lib/insights/types";
import { fetchJson } from "@/lib/queries/fetch-json";

export type { Insights };

export const insightKeys = {
  all: ["insights"] as const,
  query: (query: string) => ["insights", query] as const,
};

export const insightsOptions = (query: string) =>
  queryOptions({
    queryKey: insightKeys.query(query),
    queryFn: ({ signal }) =>
      fetchJson<Insights>(`/api/insights${query ? `?${query}` : ""}`, { signal }),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
