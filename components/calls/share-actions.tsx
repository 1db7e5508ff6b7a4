"use client";

import { CopyButton } from "@/components/calls/copy-button";
import { viewerTimeZone } from "@/lib/call-detail/format-time";
import { ticketText } from "@/lib/call-detail/ticket-text";
import type { CallDetail } from "@/lib/call-detail/types";

export function callLink(callId: string): string {
  return `${window.location.origin}/calls/${encodeURIComponent(callId)}`;
}

/** "Copy link" (absolute permalink) and "Copy for ticket" (plain-text summary). */
export function ShareActions({ detail }: { detail: CallDetail }) {
  const id = detail.call.callId;
  return (
    <>
      <CopyButton label="Copy link" text={() => callLink(id)} />
      <CopyButton
        label="Copy for ticket"
        text={() => ticketText(detail, callLink(id), viewerTimeZone())}
      />
    </>
  );
}
