"use client";

import { Check, ClipboardCopy, LoaderCircle, TriangleAlert } from "lucide-react";
import { useState } from "react";

import { writeClipboardLater } from "@/components/calls/copy-button";
import { callLink } from "@/components/calls/share-actions";
import { Button } from "@/components/ui/button";
import { viewerTimeZone } from "@/lib/call-detail/format-time";
import { ticketText } from "@/lib/call-detail/ticket-text";
import type { CallDetail } from "@/lib/call-detail/types";
import { callApiPath } from "@/lib/queries/calls";
import { fetchJson } from "@/lib/queries/fetch-json";

type State = "idle" | "copying" | "copied" | "failed";

async function ticketFor(callId: string): Promise<string> {
  const detail = await fetchJson<CallDetail>(callApiPath(callId));
  return ticketText(detail, callLink(callId), viewerTimeZone());
}

/** A list row's "copy for ticket": the call page's ticket text without opening the call. */
export function CopyTicketButton({ callId }: { callId: string }) {
  const [state, setState] = useState<State>("idle");
  const Icon =
    state === "copying"
      ? LoaderCircle
      : state === "copied"
        ? Check
        : state === "failed"
          ? TriangleAlert
          : ClipboardCopy;
  const label = `Copy ticket text for call ${callId}`;
  return (
    <>
      <Button
        variant="ghost"
        size="icon"
        aria-label={label}
        title={state === "failed" ? "Copying failed: open the call and copy from there" : label}
        disabled={state === "copying"}
        onClick={() => {
          setState("copying");
          writeClipboardLater(ticketFor(callId))
            .then(
              () => setState("copied"),
              () => setState("failed"),
            )
            .finally(() => setTimeout(() => setState("idle"), 3000));
        }}
      >
        <Icon aria-hidden className={state === "copying" ? "animate-spin" : undefined} />
      </Button>
      <span role="status" className="sr-only">
        {state === "copied"
          ? `Ticket text for call ${callId} copied`
          : state === "failed"
            ? `Copying the ticket text for call ${callId} failed`
            : ""}
      </span>
    </>
  );
}
