import { keepPreviousData, queryOptions } from "@tanstack/react-query";

import type { RecordsPage } from "@/lib/records/query";
import type { UserSummary } from "@/lib/records/user-summary";
import type { SyncStatus } from "@/lib/sync/status";
import { fetchJson } from "@/lib/queries/fetch-json";

// Record browser, user pages and the sync freshness line. Types are imported from the server
// modules as types only: nothing server-side reaches the bundle.

export type { RecordsPage };
export type RecordItem = RecordsPage["items"][number];

export const recordKeys = {
  all: ["records"] as const,
  list: (query: string) => ["records", "list", query] as const,
  user: (userId: string) => ["records", "user", userId] as const,
  sync: ["sync", "status"] as const,
};

/** One page of GET /api/records; `query` is the exact query string sent. */
export const recordsPageOptions = (query: string) =>
  queryOptions({
    queryKey: recordKeys.list(query),
    queryFn: ({ signal }) =>
      fetchJson<RecordsPage>(`/api/records${query ? `?${query}` : ""}`, { signal }),
    // The index changes once per sync interval; a minute-old page is fine, and the previous page
    // stays on screen while the next one loads instead of flashing a skeleton.
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
    refetchInterval: 15_000,
    refetchIntervalInBackground: false,
  });

/** Link to the CSV of the same filters (page and pageSize dropped: the export is the whole result). */
export function exportHref(query: URLSearchParams, zone: string): string {
  const q = new URLSearchParams(query);
  q.delete("page");
  q.delete("pageSize");
  q.set("tz", zone);
  return `/api/records/export?${q.toString()}`;
}
