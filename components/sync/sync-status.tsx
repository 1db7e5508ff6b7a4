"use client";

import { useEffect, useState } from "react";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/utils";
import type { SyncStatus } from "@/lib/sync/status";

import { formatAgo, formatLag, requestSyncNow, syncKeys, syncStatusOptions } from "./sync-queries";

// The record index's sync status: a compact badge for page headers ("Synced 12 s ago") and a
// panel with lag, record count, last error and, for admins, a "Sync now" button.

function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

function headline(s: SyncStatus, now: number): { tone: string; text: string } {
  if (s.state === "failing") return { tone: "bg-destructive", text: `Sync failing · last success ${formatAgo(s.lastSuccessAt, now)}` };
  if (s.state === "never") return { tone: "bg-muted-foreground", text: "Not synced yet" };
  if (s.state === "backfilling") {
    const pct = s.backfillProgress === null ? "" : ` ${Math.floor(s.backfillProgress * 100)}%`;
    return { tone: "bg-warning-foreground", text: `Indexing the last 7 days…${pct}` };
  }
  return { tone: "bg-success", text: `Synced ${formatAgo(s.lastSuccessAt, now)}` };
}

/** "Synced 12 s ago" with a coloured dot; for headers. */
export function SyncBadge({ className }: { className?: string }) {
  const { data, isError } = useQuery(syncStatusOptions());
  const now = useNow();
  const { tone, text } = data
    ? headline(data.sync, now)
    : isError
      ? { tone: "bg-destructive", text: "Sync status unavailable" }
      : { tone: "bg-muted-foreground", text: "Checking sync…" };
  return (
    <span className={cn("inline-flex items-center gap-2 text-xs text-muted-foreground", className)} role="status">
      <span aria-hidden className={cn("size-2 rounded-full", tone)} />
      {text}
    </span>
  );
}

/** Details of the sync, with "Sync now" for admins (the API refuses everyone else anyway). */
export function SyncPanel({ canSync, className }: { canSync: boolean; className?: string }) {
  const queryClient = useQueryClient();
  const { data, isPending, isError, error } = useQuery(syncStatusOptions());
  const now = useNow();
  const syncNow = useMutation({
    mutationFn: requestSyncNow,
    onSuccess: (res) => queryClient.setQueryData(syncKeys.status(), res),
    onSettled: () => queryClient.invalidateQueries({ queryKey: syncKeys.all }),
  });

  if (isPending) return <p className={cn("text-sm text-muted-foreground", className)}>Loading sync status…</p>;
  if (isError) {
    return (
      <p role="alert" className={cn("text-sm text-destructive", className)}>
        Sync status unavailable: {error.message}
      </p>
    );
  }
  const s = data.sync;
  const { tone, text } = headline(s, now);
  return (
    <section aria-label="Record index sync" className={cn("space-y-3 rounded-lg border p-4 text-sm", className)}>
      <div className="flex items-center justify-between gap-4">
        <p className="flex items-center gap-2 font-medium" role="status">
          <span aria-hidden className={cn("size-2 rounded-full", tone)} />
          {text}
        </p>
        {canSync && (
          <Button
            size="sm"
            variant="outline"
            disabled={syncNow.isPending || s.requested}
            onClick={() => syncNow.mutate()}
          >
            {syncNow.isPending || s.requested ? "Sync requested…" : "Sync now"}
          </Button>
        )}
      </div>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-1 sm:grid-cols-4">
        <dt className="text-muted-foreground">Lag</dt>
        <dd>{formatLag(s.lagSeconds)}</dd>
        <dt className="text-muted-foreground">Records</dt>
        <dd>{s.records === null ? "—" : s.records.toLocaleString()}</dd>
        <dt className="text-muted-foreground">Every</dt>
        <dd>{s.intervalSeconds} s</dd>
        <dt className="text-muted-foreground">Kept for</dt>
        <dd>{s.retentionDays} days</dd>
      </dl>
      {s.lastError && (
        <p role="alert" className="rounded-md bg-destructive/10 p-2 text-destructive">
          Last error {formatAgo(s.lastError.at, now)}: {s.lastError.message}
          {s.consecutiveFailures > 1 ? ` (${s.consecutiveFailures} failures in a row; retrying with backoff)` : ""}
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
