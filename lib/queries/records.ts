import { keepPreviousData, queryOptions } from "@tanstack/react-query";

import { fetchJson } from "@/lib/queries/fetch-json";
import type { RecordsPage } from "@/lib/records/query";
import type { UserSummary } from "@/lib/records/user-summary";
import type { SyncStatus } from "@/lib/sync/status";

// Type-only imports from server modules: nothing server-side reaches the bundle.

export type { RecordsPage };
export type RecordItem = RecordsPage["items"][number];

export const recordKeys = {
  all: ["records"] as const,
  list: (query: string) => ["records", "list", query] as const,
  user: (userId: string) => ["records", "user", userId] as const,
  sync: ["sync", "status"] as const,
};

export const recordsPageOptions = (query: string) =>
  queryOptions({
    queryKey: recordKeys.list(query),
    queryFn: ({ signal }) =>
      fetchJson<RecordsPage>(`/api/records${query ? `?${query}` : ""}`, { signal }),
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });

export const userSummaryOptions = (userId: string) =>
  queryOptions({
    queryKey: recordKeys.user(userId),
    queryFn: ({ signal }) =>
      fetchJson<{ summary: UserSummary }>(`/api/users/${encodeURIComponent(userId)}`, {
        signal,
      }).then((r) => r.summary),
    staleTime: 30_000,
  });

export const syncStatusOptions = () =>
  queryOptions({
    queryKey: recordKeys.sync,
    queryFn: ({ signal }) =>
      fetchJson<{ sync: SyncStatus }>("/api/sync", { signal }).then((r) => r.sync),
    // Closely while a pass is asked for or running, so its end shows within a couple of seconds.
    refetchInterval: (query) =>
      query.state.data && query.state.data.activity !== "idle" ? 1_500 : 15_000,
    refetchIntervalInBackground: false,
  });

/** Paging dropped: the export is the whole result. */
export function exportHref(query: URLSearchParams, zone: string): string {
  const q = new URLSearchParams(query);
  q.delete("page");
  q.delete("cursor");
  q.delete("pageSize");
  q.set("tz", zone);
  return `/api/records/export?${q.toString()}`;
}
