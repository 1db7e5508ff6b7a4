"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { formatAgo, formatCount } from "@/components/records/format";
import { useNow } from "@/components/records/use-now";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/utils";
import { fetchJson } from "@/lib/queries/fetch-json";
import { recordKeys, syncStatusOptions } from "@/lib/queries/records";
import type { SyncStatus } from "@/lib/sync/status";

import { IncompleteSlices } from "./incomplete-slices";

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

type Line = { text: string; tone: string; busy: boolean };

/** One line for the panel, the button and the dot to agree on: a requested or running pass
 *  first, then how the pass this page asked for ended, then the index's standing state. */
function currentLine(s: SyncStatus, now: number, asked: string | null, posting: boolean): Line {
  if (posting) return { text: "Requesting a sync…", tone: "bg-warning-foreground", busy: true };
  if (s.activity === "queued") {
    return {
      text: "Sync queued · waiting for the instance that runs the sync",
      tone: "bg-warning-foreground",
      busy: true,
    };
  }
  if (s.activity === "running") {
    return {
      text: `Syncing now · started ${ago(s.lastAttemptAt, now)}`,
      tone: "bg-warning-foreground",
      busy: true,
    };
  }
  const pass = s.lastPass;
  if (asked !== null && pass && pass.at !== asked) {
    if (pass.outcome === "failed") {
      return {
        text: `Sync failed ${ago(pass.at, now)} · ${pass.message}`,
        tone: TONE.failing,
        busy: false,
      };
    }
    const counts = [
      pass.records === null ? null : `${formatCount(pass.records)} calls indexed`,
      pass.written === null ? null : `${formatCount(pass.written)} written by this pass`,
    ].filter(Boolean);
    return {
      text: `Sync finished ${ago(pass.at, now)}${counts.length ? ` · ${counts.join(", ")}` : ""}`,
      tone: TONE.ok,
      busy: false,
    };
  }
  return { text: headline(s, now), tone: TONE[s.state], busy: false };
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
  // The pass that had ended when this page asked for another ("" for none): any later one is the
  // answer, reported until the page is left. Server times only, so clock skew cannot mislead.
  const [asked, setAsked] = useState<string | null>(null);
  const syncNow = useMutation({
    mutationFn: () => fetchJson<{ sync: SyncStatus }>("/api/sync", { method: "POST", body: "{}" }),
    onMutate: () => setAsked(s?.lastPass?.at ?? ""),
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
  const line = currentLine(s, now, asked, syncNow.isPending);
  return (
    <section
      aria-label="Record index sync"
      className={cn("flex flex-col gap-3 rounded-xl border p-5 text-sm", className)}
    >
      <div className="flex flex-wrap items-center justify-between gap-4">
        <p
          className="flex min-w-0 items-center gap-2 font-medium break-words"
          role="status"
          aria-busy={line.busy}
        >
          <span aria-hidden className={cn("size-2 shrink-0 rounded-full", line.tone)} />
          {line.text}
        </p>
        {canSync && (
          <Button size="sm" variant="outline" disabled={line.busy} onClick={() => syncNow.mutate()}>
            {line.busy ? "Syncing…" : "Sync now"}
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
      {s.unavailable.length > 0 && (
        <div role="alert" className="bg-warning text-warning-foreground rounded-md p-2">
          {s.unavailable.map((u) => (
            <p key={u.generation}>
              {u.generation} records unavailable: Tencent answered {u.code} ({u.message})
              {u.requestId ? `, RequestId ${u.requestId}` : ""}. The other generation keeps syncing;
              this one backfills once Tencent answers again.
            </p>
          ))}
        </div>
      )}
      <IncompleteSlices slices={s.incomplete} />
      {syncNow.isError && (
        <p role="alert" className="text-destructive">
          Could not request a sync: {syncNow.error.message}
        </p>
      )}
    </section>
  );
}
