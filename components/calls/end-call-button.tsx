"use client";

import { PhoneOff } from "lucide-react";
import { AlertDialog } from "radix-ui";
import { useState } from "react";

import { Button } from "@/components/ui/button";
import { useEndCall } from "@/lib/queries/end-call";
import { ApiRequestError } from "@/lib/queries/fetch-json";

/** Admins only (the server refuses everyone else too). Asks before ending the call for everyone.
 *  The confirmation is a modal alert dialog: focus stays in it, starts on Cancel (the safe
 *  choice), Escape cancels, and focus goes back to the button afterwards. */
export function EndCallButton({ callId }: { callId: string }) {
  const [open, setOpen] = useState(false);
  const end = useEndCall(callId);
  const error =
    end.error instanceof ApiRequestError
      ? end.error.message
      : end.error
        ? "The call could not be ended."
        : null;

  const changeOpen = (next: boolean) => {
    if (end.isPending) return;
    if (next) end.reset();
    setOpen(next);
  };

  return (
    <AlertDialog.Root open={open} onOpenChange={changeOpen}>
      <AlertDialog.Trigger asChild>
        <Button variant="destructive" size="sm" disabled={end.isPending}>
          <PhoneOff aria-hidden />
          End call
        </Button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-50 bg-black/50" />
        <AlertDialog.Content className="bg-card fixed top-1/2 left-1/2 z-50 flex w-[min(28rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 flex-col gap-3 rounded-lg border p-5 shadow-lg">
          <AlertDialog.Title className="text-base font-semibold">End this call?</AlertDialog.Title>
          <AlertDialog.Description className="text-sm">
            End this call for every participant? This cannot be undone. The call page will say that
            you ended it from the console.
          </AlertDialog.Description>
          {error ? (
            <p role="alert" className="text-destructive text-sm">
              {error}
            </p>
          ) : null}
          <div className="flex flex-wrap justify-end gap-2">
            <AlertDialog.Cancel asChild>
              <Button variant="outline" size="sm" disabled={end.isPending}>
                Cancel
              </Button>
            </AlertDialog.Cancel>
            <Button
              variant="destructive"
              size="sm"
              disabled={end.isPending}
              onClick={() => end.mutate(undefined, { onSuccess: () => setOpen(false) })}
            >
              {end.isPending ? "Ending…" : "Yes, end the call"}
            </Button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
