"use client";

import { useQuery } from "@tanstack/react-query";
import { AlertTriangle, Info } from "lucide-react";

import { UpstreamFacts } from "@/components/calls/upstream-facts";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { formatUtc } from "@/lib/call-detail/format-time";
import type { CallView, UpstreamProblem } from "@/lib/call-detail/types";
import { QUALITY_UNAVAILABLE_LABELS } from "@/lib/calls/vocabulary";
import type { QualityReport } from "@/lib/quality/types";
import { ApiRequestError } from "@/lib/queries/fetch-json";
import { callQualityOptions } from "@/lib/queries/quality";

import { ParticipantQuality } from "./participant-quality";

function sourceLine(report: QualityReport): string {
  const when = report.fetchedAt ? `, fetched ${formatUtc(report.fetchedAt)}` : "";
  return report.source === "archive"
    ? `From the console's archive: Tencent keeps call quality for 14 days${when}.`
    : `From Tencent's TRTC monitoring${when}. Loss bands: under 2 % good, over 5 % poor, over 10 % congested.`;
}

function QualityError({
  error,
  onRetry,
  retrying,
}: {
  error: unknown;
  onRetry: () => void;
  retrying: boolean;
}) {
  const upstream =
    error instanceof ApiRequestError
      ? ((error.details?.upstream as UpstreamProblem | undefined) ?? null)
      : null;
  return (
    <Alert variant="destructive">
      <AlertTriangle aria-hidden />
      <AlertTitle>Call quality could not be fetched</AlertTitle>
      <AlertDescription>
        <p>{error instanceof Error ? error.message : "The console could not be reached."}</p>
        {upstream ? <UpstreamFacts upstream={upstream} /> : null}
        <Button className="mt-2 w-fit" size="sm" onClick={onRetry} disabled={retrying}>
          {retrying ? "Retrying…" : "Retry"}
        </Button>
      </AlertDescription>
    </Alert>
  );
}

function Body({ call }: { call: CallView }) {
  const query = useQuery({ ...callQualityOptions(call.callId), enabled: !call.live });
  if (call.live)
    return (
      <p className="text-muted-foreground text-sm">Quality is shown once the call has ended.</p>
    );
  if (query.isPending)
    return (
      <div
        role="status"
        aria-busy="true"
        aria-label="Loading call quality"
        className="flex flex-col gap-2"
      >
        <Skeleton className="h-5 w-80 max-w-full" />
        <Skeleton className="h-40 w-full" />
      </div>
    );
  if (query.isError)
    return (
      <QualityError
        error={query.error}
        onRetry={() => void query.refetch()}
        retrying={query.isFetching}
      />
    );
  const report = query.data;
  if (report.unavailable) {
    const { reason, message, code, requestId } = report.unavailable;
    return (
      <Alert>
        <Info aria-hidden />
        <AlertTitle>Quality unavailable: {QUALITY_UNAVAILABLE_LABELS[reason] ?? reason}</AlertTitle>
        <AlertDescription>
          <p>{message}</p>
          {code ? (
            <p className="font-mono text-xs">
              {code} · RequestId {requestId ?? "none"}
            </p>
          ) : null}
        </AlertDescription>
      </Alert>
    );
  }
  if (report.participants.length === 0)
    return (
      <p className="text-muted-foreground text-sm">
        Tencent listed nobody in this call&apos;s room.
      </p>
    );
  return (
    <>
      <p className="text-muted-foreground text-sm">{sourceLine(report)}</p>
      <ul className="flex flex-col gap-4">
        {report.participants.map((p) => (
          <ParticipantQuality key={p.userId} participant={p} call={call} />
        ))}
      </ul>
    </>
  );
}

/** Each participant's network, device and media, fetched apart from the rest of the page. */
export function QualitySection({ call }: { call: CallView }) {
  return (
    <section aria-labelledby="quality-title" className="flex flex-col gap-2">
      <h2 id="quality-title" className="text-lg font-semibold">
        Quality
      </h2>
      <Body call={call} />
    </section>
  );
}
