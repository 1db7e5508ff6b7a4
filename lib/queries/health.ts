import { queryOptions } from "@tanstack/react-query";

import { fetchJson } from "@/lib/queries/fetch-json";

export type HealthResponse = {
  status: "ok" | "degraded" | "unavailable";
  upstream: {
    mode: "embedded" | "tencent";
    reachable: boolean | null;
    usersig?: { source: string; expiresAt: string | null; expiringSoon: boolean } | null;
  } | null;
  sync: unknown;
};

export const healthKeys = {
  all: ["health"] as const,
};

export const healthOptions = () =>
  queryOptions({
    queryKey: healthKeys.all,
    queryFn: ({ signal }) => fetchJson<HealthResponse>("/api/health", { signal }),
    refetchInterval: 60_000,
  });
