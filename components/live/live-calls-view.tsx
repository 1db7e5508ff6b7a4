"use client";

import { useQuery } from "@tanstack/react-query";
import { AlertTriangle, PhoneOff } from "lucide-react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { ApiRequestError } from "@/lib/queries/fetch-json";
import { liveCallsOptions } from "@/lib/queries/live";

import { LiveCallCard } from "./live-call-card";

export function LiveCallsSkeleton() {
  return (
    <div
      aria-busy="true"
      aria-label="Loading calls in progress"
      className="grid gap-4 md:grid-cols-2"
    >
      <Skeleton className="h-44 w-full" />
      <Skeleton className="h-44 w-full" />
    </div>
  );
}

function LiveError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const requestId =
    error instanceof ApiRequestError && typeof error.details?.requestId === "string"
      ? error.details.requestId
      : null;
  const text =
    error instanceof ApiRequestError
      ? error.status === 401
        ? "You are signed out. Sign in again to see live calls."
        : `${error.message} (${error.code}, HTTP ${error.status})`
      : "The console could not be reached. Check your connection.";
  return (
    <Alert variant="destructive">
      <AlertTriangle aria-hidden />
      <AlertTitle>Calls in progress could not be loaded</AlertTitle>
      <AlertDescription className="flex flex-col gap-2">
        <span>{text}</span>
        {requestId ? <span className="font-mono text-xs">Request {requestId}</span> : null}
        <Button size="sm" variant="outline" className="w-fit" onClick={onRetry}>
          Try again
        </Button>
      </AlertDescription>
    </Alert>
  );
}

/** Every call in progress, refreshed every second from Tencent's callbacks. */
export function LiveCallsView() {
  const query = useQuery(liveCallsOptions());
  const { data } = query;
  if (!data) {
    if (query.isError)
      return <LiveError error={query.error} onRetry={() => void query.refetch()} />;
    return <LiveCallsSkeleton />;
  }
  const count = data.items.length;
  return (
    <div className="flex flex-col gap-4">
      <p role="status" className="text-muted-foreground text-sm">
        {count === 0
          ? "No calls in progress"
          : count === 1
            ? "1 call in progress"
            : `${count} calls in progress`}
        {" · "}updated <time dateTime={data.asOf}>{new Date(data.asOf).toLocaleTimeString()}</time>
      </p>
      {query.isError ? (
        // Keep showing the last answer; say it may be stale.
        <LiveError error={query.error} onRetry={() => void query.refetch()} />
      ) : null}
      {count === 0 ? (
        <div className="text-muted-foreground flex flex-col items-center gap-2 rounded-xl border border-dashed p-10 text-center">
          <PhoneOff aria-hidden className="size-6" />
          <p className="text-foreground font-medium">No calls in progress</p>
          <p className="max-w-md text-sm">
            Calls appear here as soon as Tencent reports them, and leave when they end.
          </p>
        </div>
      ) : (
        <ul aria-label="Calls in progress" className="grid gap-4 md:grid-cols-2">
          {data.items.map((call) => (
            <li key={call.callId}>
              <LiveCallCard call={call} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
