"use client";

import { useQueryClient } from "@tanstack/react-query";

import { CopyButton } from "@/components/calls/copy-button";
import { viewerTimeZone } from "@/lib/call-detail/format-time";
import type { CallDetail } from "@/lib/call-detail/types";
import type { QualityReport } from "@/lib/quality/types";
import { qualityKeys } from "@/lib/queries/quality";

export function callLink(callId: string): string {
  return `${window.location.origin}/calls/${encodeURIComponent(callId)}`;
}

/** "Copy link" (absolute permalink) and "Copy for ticket" (plain-text summary). */
export function ShareActions({ detail }: { detail: CallDetail }) {
  const id = detail.call.callId;
  const queryClient = useQueryClient();
  // The quality section's answer, when it has arrived: its sentences go into the ticket.
  const quality = () => queryClient.getQueryData<QualityReport>(qualityKeys.detail(id));
  return (
    <>
      <CopyButton label="Copy link" text={() => callLink(id)} />
      <CopyButton
        label="Copy for ticket"
        text={() =>
          // Loaded on the first copy: the page's first JavaScript stays lighter.
          import("@/lib/call-detail/ticket-text").then((m) =>
            m.ticketText(detail, callLink(id), viewerTimeZone(), quality()),
          )
        }
      />
    </>
  );
}
