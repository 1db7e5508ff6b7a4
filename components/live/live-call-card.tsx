import { ArrowRight, PhoneCall } from "lucide-react";
import Link from "next/link";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/utils";
import { UserLink } from "@/components/users/user-link";
import { STATE_LABELS } from "@/lib/call-detail/story-labels";
import { callTypeLabel, mediaLabel } from "@/lib/calls/vocabulary";
import type { LiveCallItem, LiveParticipant } from "@/lib/events/live-types";

import { Elapsed } from "./elapsed";

const TONES: Partial<Record<string, string>> = {
  talking: "bg-success/15 text-success border-success/30",
  ringing: "bg-warning text-warning-foreground border-transparent",
  waiting: "bg-warning text-warning-foreground border-transparent",
};

function StatusChip({ status }: { status: LiveParticipant["status"] }) {
  return (
    <Badge
      variant="outline"
      className={cn(TONES[status] ?? "text-muted-foreground")}
      data-testid="live-status"
    >
      {status === "ringing" ? <PhoneCall aria-hidden className="size-3" /> : null}
      {STATE_LABELS[status] ?? status}
    </Badge>
  );
}

/** One call in progress: who calls whom, how long so far, where each person stands. */
export function LiveCallCard({ call }: { call: LiveCallItem }) {
  const titleId = `live-${call.callId}`;
  const ringing = call.participants.filter((p) => p.status === "ringing").length;
  const talking = call.participants.filter((p) => p.status === "talking").length;
  return (
    <article
      aria-labelledby={titleId}
      className="bg-card flex flex-col gap-3 rounded-xl border p-4 shadow-sm"
      data-testid="live-call"
      data-call-id={call.callId}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h2 id={titleId} className="flex flex-wrap items-center gap-x-2 gap-y-1 text-base">
          <span className="sr-only">Call from </span>
          {call.caller ? <UserLink userId={call.caller} /> : <span>Unknown caller</span>}
          <ArrowRight aria-label="to" className="text-muted-foreground size-4" />
          <span className="flex flex-wrap gap-x-2">
            {call.callees.map((id, i) => (
              <span key={id}>
                <UserLink userId={id} />
                {i < call.callees.length - 1 ? "," : ""}
              </span>
            ))}
          </span>
        </h2>
        <div className="flex items-center gap-2">
          <Badge variant="secondary">{callTypeLabel(call.callType)}</Badge>
          <Badge variant="outline">{mediaLabel(call.mediaType)}</Badge>
        </div>
      </div>

      <p className="text-muted-foreground text-sm">
        In progress for{" "}
        <span className="text-foreground">
          <Elapsed since={call.startedAt} />
        </span>
        {" · "}
        {talking} talking, {ringing} ringing
      </p>

      <ul aria-label="Participants" className="flex flex-col gap-1.5">
        {call.participants.map((p) => (
          <li key={`${p.role}:${p.userId}`} className="flex flex-wrap items-center gap-2 text-sm">
            <UserLink userId={p.userId} />
            <span className="text-muted-foreground text-xs">
              {p.role === "caller" ? "caller" : "callee"}
            </span>
            <StatusChip status={p.status} />
          </li>
        ))}
      </ul>

      <div className="flex flex-wrap items-center justify-between gap-2">
        <code className="text-muted-foreground text-xs break-all">{call.callId}</code>
        <Button asChild size="sm" variant="outline">
          <Link href={`/calls/${encodeURIComponent(call.callId)}`}>
            Call detail
            <span className="sr-only"> of call {call.callId}</span>
          </Link>
        </Button>
      </div>
    </article>
  );
}
