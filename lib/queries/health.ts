import { queryOptions } from "@tanstack/react-query";

import type { Health } from "@/lib/health";
import { fetchJson } from "@/lib/queries/fetch-json";

export const healthKeys = {
  all: ["health"] as const,
};

export const healthOptions = () =>
  queryOptions({
    queryKey: healthKeys.all,
    queryFn: ({ signal }) => fetchJson<Health>("/api/health", { signal }),
    refetchInterval: 60_000,
  });
