"use client";

import { PhoneOff } from "lucide-react";
import { useState } from "react";

import { Button } from "@/components/ui/button";
import { useEndCall } from "@/lib/queries/end-call";
import { ApiRequestError } from "@/lib/queries/fetch-json";

/** Admins only (the server refuses everyone else too). Asks before ending the call for everyone. */
export function EndCallButton({ callId }: { callId: string }) {
  const [confirming, setConfirming] = useState(false);
  const end = useEndCall(callId);

  if (!confirming) {
    return (
      <Button
        variant="destructive"
        size="sm"
        onClick={() => setConfirming(true)}
        disabled={end.isPending}
      >
        <PhoneOff aria-hidden />
        End call
      </Button>
    );
  }
  const error =
    end.error instanceof ApiRequestError
      ? end.error.message
      : end.error
        ? "The call could not be ended."
        : null;
  return (
    <div
      role="alertdialog"
      aria-labelledby="end-call-question"
      className="border-destructive/40 bg-card flex flex-col gap-2 rounded-lg border p-3"
    >
      <p id="end-call-question" className="text-sm font-medium">
        End this call for every participant? This cannot be undone.
      </p>
      {error ? (
        <p role="alert" className="text-destructive text-sm">
          {error}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button
          variant="destructive"
          size="sm"
          disabled={end.isPending}
          onClick={() => end.mutate(undefined, { onSuccess: () => setConfirming(false) })}
        >
          {end.isPending ? "Ending…" : "Yes, end the call"}
        </Button>
        <Button
          variant="outline"
          size="sm"
          onClick={() => setConfirming(false)}
          disabled={end.isPending}
        >
          Cancel
        </Button>
      </div>
    </div>
  );
}
