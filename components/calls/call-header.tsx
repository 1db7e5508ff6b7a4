import { Info } from "lucide-react";

import { LocalTime } from "@/components/calls/local-time";
import { NextStepLinks } from "@/components/calls/next-step-links";
import { LiveBadge, ResultBadge } from "@/components/calls/result-badge";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { UserLink } from "@/components/users/user-link";
import type { CallDetail } from "@/lib/call-detail/types";
import { callTypeLabel, mediaLabel } from "@/lib/calls/vocabulary";

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5">
      <dt className="text-muted-foreground text-xs font-medium tracking-wide uppercase">{term}</dt>
      <dd className="text-sm">{children}</dd>
    </div>
  );
}

export function CallHeader({ detail, actions }: { detail: CallDetail; actions?: React.ReactNode }) {
  const { call, explanation } = detail;
  return (
    <section aria-labelledby="call-title" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="flex min-w-0 flex-col gap-2">
          <p className="text-muted-foreground text-xs font-medium tracking-wide uppercase">Call</p>
          <h1 id="call-title" className="font-mono text-xl font-semibold break-all">
            {call.callId}
          </h1>
          <div className="flex flex-wrap items-center gap-2" data-testid="call-state">
            {call.live ? <LiveBadge /> : null}
            {call.result ? <ResultBadge result={call.result} label={explanation?.label} /> : null}
            {detail.origin === "archive" ? (
              <ResultBadge result="archived" label="Archived" />
            ) : null}
            {detail.origin === "index" ? (
              <ResultBadge result="indexed" label="Indexed snapshot" />
            ) : null}
            {call.live ? (
              <span className="text-muted-foreground text-xs">
                In progress · refreshes every 3 seconds
              </span>
            ) : null}
          </div>
        </div>
        {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
      </div>

      {explanation && !call.live ? (
        <Alert aria-label="What this result means" role="region">
          <Info aria-hidden />
          <AlertTitle>
            {explanation.label}
            {explanation.label !== call.result && call.result ? (
              <span className="text-muted-foreground ml-1 font-mono text-xs">({call.result})</span>
            ) : null}
          </AlertTitle>
          <AlertDescription>
            <p>{explanation.meaning}</p>
            <p>
              <span className="text-foreground font-medium">What to check next: </span>
              {explanation.nextSteps}
            </p>
            <NextStepLinks explanation={explanation} call={call} />
          </AlertDescription>
        </Alert>
      ) : null}

      <dl className="bg-card grid grid-cols-2 gap-4 rounded-lg border p-4 sm:grid-cols-4">
        <Fact term="Media">{mediaLabel(call.mediaType)}</Fact>
        <Fact term="Call type">{callTypeLabel(call.callType)}</Fact>
        <Fact term="Started">
          {call.startedAt ? (
            <LocalTime iso={call.startedAt} />
          ) : (
            <span className="text-muted-foreground">When the record appears</span>
          )}
        </Fact>
        <Fact term="Caller">{call.caller ? <UserLink userId={call.caller} /> : "—"}</Fact>
      </dl>
    </section>
  );
}
