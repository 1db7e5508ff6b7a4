"use client";

import { useQuery } from "@tanstack/react-query";
import { Archive, RefreshCw, TriangleAlert } from "lucide-react";

import { syncStatusOptions } from "@/lib/queries/records";

import { formatAgo, formatCount } from "./format";
import { useNow } from "./use-now";

/**
 * How fresh the index is and which part of it is still re-read from Tencent (the last 7 days) as
 * opposed to kept only here (up to the retention), so nobody mistakes an archived copy for live data.
 */
export function Freshness() {
  const { data: sync, error } = useQuery(syncStatusOptions());
  const now = useNow();
  if (error) {
    return (
      <p role="status" className="text-muted-foreground flex items-center gap-1.5 text-xs">
        <TriangleAlert aria-hidden className="size-3.5" /> Sync status unavailable
      </p>
    );
  }
  if (!sync)
    return (
      <p role="status" className="text-muted-foreground h-4 text-xs">
        Checking sync…
      </p>
    );
  const synced = sync.lastSuccessAt ? Date.parse(sync.lastSuccessAt) : null;
  return (
    <div
      role="status"
      aria-label="Index freshness"
      className="text-muted-foreground flex flex-wrap items-center gap-x-4 gap-y-1 text-xs"
    >
      <span className="flex items-center gap-1.5">
        <RefreshCw aria-hidden className="size-3.5" />
        {synced === null
          ? "Not synced yet"
          : now === 0
            ? "Synced"
            : `Synced ${formatAgo(Math.max(0, now - synced))}`}
        {sync.records !== null ? ` · ${formatCount(sync.records)} calls indexed` : null}
      </span>
      <span
        className="flex items-center gap-1.5"
        title="Tencent keeps call records for 7 days; the console keeps its own copy longer."
      >
        <Archive aria-hidden className="size-3.5" />
        Last 7 days re-read from Tencent · older calls archived here (kept {sync.retentionDays}{" "}
        days)
      </span>
      {sync.state === "backfilling" ? (
        <span className="text-foreground font-medium">
          Filling the index
          {sync.backfillProgress !== null ? ` (${Math.round(sync.backfillProgress * 100)}%)` : ""}:
          older calls may be missing and searches may be slower until it finishes
        </span>
      ) : null}
      {sync.state === "failing" ? (
        <span className="text-destructive flex items-center gap-1.5 font-medium">
          <TriangleAlert aria-hidden className="size-3.5" />
          Sync failing ({sync.consecutiveFailures}×): newer calls may be missing
        </span>
      ) : null}
    </div>
  );
}
