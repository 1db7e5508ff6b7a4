import { queryOptions } from "@tanstack/react-query";

import { fetchJson } from "@/lib/queries/fetch-json";
import type { SyncStatus } from "@/lib/sync/status";

// TanStack Query keys and fetchers for the record index's sync status (GET/POST /api/sync).

export type SyncResponse = { sync: SyncStatus };

export const syncKeys = {
  all: ["sync"] as const,
  status: () => [...syncKeys.all, "status"] as const,
};

export const syncStatusOptions = () =>
  queryOptions({
    queryKey: syncKeys.status(),
    queryFn: ({ signal }) => fetchJson<SyncResponse>("/api/sync", { signal }),
    // Often enough for "synced 12 s ago" to stay honest without hammering the server.
    refetchInterval: 10_000,
  });

export function requestSyncNow(): Promise<SyncResponse> {
  return fetchJson<SyncResponse>("/api/sync", { method: "POST", body: "{}" });
}

/** "just now", "12 s ago", "5 min ago", "3 h ago", "2 d ago". */
export function formatAgo(iso: string | null, now: number): string {
  if (!iso) return "never";
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 5) return "just now";
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86_400)} d ago`;
}

/** Lag as a short duration: "8 s", "4 min", "2 h". */
export function formatLag(seconds: number | null): string {
  if (seconds === null) return "—";
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  return `${Math.floor(seconds / 3600)} h`;
}
