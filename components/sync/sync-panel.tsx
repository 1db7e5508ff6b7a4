"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { formatAgo, formatCount } from "@/components/records/format";
import { useNow } from "@/components/records/use-now";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/utils";
import { fetchJson } from "@/lib/queries/fetch-json";
import { recordKeys, syncStatusOptions } from "@/lib/queries/records";
import type { SyncStatus } from "@/lib/sync/status";

// The record index's sync in detail: state, lag, size, the last error and, for admins, "Sync now".
// The one-line summary for every page lives in components/records/freshness.tsx.

const TONE: Record<SyncStatus["state"], string> = {
  ok: "bg-success",
  backfilling: "bg-warning-foreground",
  failing: "bg-destructive",
  never: "bg-muted-foreground",
};

function ago(iso: string | null, now: number): string {
  if (!iso) return "never";
  return now === 0 ? "—" : formatAgo(Math.max(0, now - Date.parse(iso)));
}

function headline(s: SyncStatus, now: number): string {
  switch (s.state) {
    case "failing":
      return `Sync failing · last success ${ago(s.lastSuccessAt, now)}`;
    case "never":
      return "Not synced yet";
    case "backfilling":
      return `Indexing the last 7 days…${s.backfillProgress === null ? "" : ` ${Math.floor(s.backfillProgress * 100)}%`}`;
    case "ok":
      return `Synced ${ago(s.lastSuccessAt, now)}`;
  }
}

function formatLag(seconds: number | null): string {
  if (seconds === null) return "—";
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  return `${Math.floor(seconds / 3600)} h`;
}

/** `canSync` only hides the button; POST /api/sync refuses everyone below admin on the server. */
export function SyncPanel({ canSync, className }: { canSync: boolean; className?: string }) {
  const queryClient = useQueryClient();
  const { data: s, isPending, isError, error } = useQuery(syncStatusOptions());
  const now = useNow();
  const syncNow = useMutation({
    mutationFn: () => fetchJson<{ sync: SyncStatus }>("/api/sync", { method: "POST", body: "{}" }),
    onSuccess: (res) => queryClient.setQueryData(recordKeys.sync, res.sync),
    onSettled: () => queryClient.invalidateQueries({ queryKey: recordKeys.sync }),
  });

  if (isPending)
    return <p className={cn("text-muted-foreground text-sm", className)}>Loading sync status…</p>;
  if (isError) {
    return (
      <p role="alert" className={cn("text-destructive text-sm", className)}>
        Sync status unavailable: {error.message}
      </p>
    );
  }
  const requested = syncNow.isPending || s.requested;
  return (
    <section
      aria-label="Record index sync"
      className={cn("flex flex-col gap-3 rounded-xl border p-5 text-sm", className)}
    >
      <div className="flex flex-wrap items-center justify-between gap-4">
        <p className="flex items-center gap-2 font-medium" role="status">
          <span aria-hidden className={cn("size-2 rounded-full", TONE[s.state])} />
          {headline(s, now)}
        </p>
        {canSync && (
          <Button size="sm" variant="outline" disabled={requested} onClick={() => syncNow.mutate()}>
            {requested ? "Sync requested…" : "Sync now"}
          </Button>
        )}
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr_auto_1fr]">
        <dt className="text-muted-foreground">Last attempt</dt>
        <dd>{ago(s.lastAttemptAt, now)}</dd>
        <dt className="text-muted-foreground">Lag</dt>
        <dd>{formatLag(s.lagSeconds)}</dd>
        <dt className="text-muted-foreground">Calls indexed</dt>
        <dd>{s.records === null ? "—" : formatCount(s.records)}</dd>
        <dt className="text-muted-foreground">Syncs every</dt>
        <dd>{s.intervalSeconds} s</dd>
        <dt className="text-muted-foreground">Kept for</dt>
        <dd>{s.retentionDays} days</dd>
      </dl>
      {s.lastError && (
        <p role="alert" className="bg-destructive/10 text-destructive rounded-md p-2">
          Last error {ago(s.lastError.at, now)}: {s.lastError.message}
          {s.consecutiveFailures > 1
            ? ` (${s.consecutiveFailures} failures in a row; retrying with backoff)`
            : ""}
        </p>
      )}
      {syncNow.isError && (
        <p role="alert" className="text-destructive">
          Could not request a sync: {syncNow.error.message}
        </p>
      )}
    </section>
  );
}
