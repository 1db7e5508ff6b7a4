"use client";

import { useQuery } from "@tanstack/react-query";

import { useNow } from "@/components/records/use-now";
import { Button } from "@/components/ui/button";
import { callbackSetupOptions } from "@/lib/queries/callbacks";

import { GenerationCard } from "./generation-card";
import { ReceiverUrl } from "./receiver-url";

// Tencent's callback configuration for both generations, and what this console has received.

export function CallbacksPanel() {
  const { data, isPending, isError, error, refetch, isFetching } = useQuery(callbackSetupOptions());
  const now = useNow(5_000);

  if (isPending) {
    return (
      <p className="text-muted-foreground text-sm" role="status">
        Asking Tencent for its callback configuration…
      </p>
    );
  }
  if (isError) {
    return (
      <div className="flex flex-col items-start gap-3">
        <p role="alert" className="text-destructive text-sm">
          The callback configuration could not be read: {error.message}
        </p>
        <Button size="sm" variant="outline" onClick={() => void refetch()} disabled={isFetching}>
          {isFetching ? "Retrying…" : "Retry"}
        </Button>
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-6">
      <ReceiverUrl url={data.receiverUrl} />
      <div className="grid gap-4 lg:grid-cols-2">
        {data.generations.map((g) => (
          <GenerationCard key={g.generation} state={g} now={now} />
        ))}
      </div>
    </div>
  );
}
