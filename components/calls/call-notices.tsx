import { Archive, History, TriangleAlert } from "lucide-react";

import { ConsoleEnding } from "@/components/calls/console-ending";
import { IndexSnapshotNotice } from "@/components/calls/index-snapshot-notice";
import { UpstreamFacts } from "@/components/calls/upstream-facts";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import type { CallDetail } from "@/lib/call-detail/types";

/** Things about where the data came from that change how support should read the page. */
export function CallNotices({ detail }: { detail: CallDetail }) {
  const failedRecords = detail.parts.record.filter((p) => p.error);
  const live = detail.parts.live;
  const endedBy = detail.call.endedBy;
  return (
    <>
      {endedBy?.kind === "staff" ? <ConsoleEnding ending={endedBy} /> : null}
      {detail.origin === "archive" ? (
        <Alert role="status">
          <Archive aria-hidden />
          <AlertTitle>Archived call</AlertTitle>
          <AlertDescription>
            This call is older than Tencent&apos;s 7-day window. It is shown from the console&apos;s
            archive
            {detail.archivedAt ? `, copied from Tencent on ${detail.archivedAt.slice(0, 10)}` : ""}.
          </AlertDescription>
        </Alert>
      ) : null}
      {detail.origin === "index" ? <IndexSnapshotNotice detail={detail} /> : null}
      {detail.v1Only ? (
        <Alert role="status">
          <History aria-hidden />
          <AlertTitle>Only in the v1 records</AlertTitle>
          <AlertDescription>
            Only Tencent&apos;s older v1 records have this call: it was made with the deprecated
            client APIs (TUICallKit.call() or groupCall()). The app should move to the current APIs.
          </AlertDescription>
        </Alert>
      ) : null}
      {failedRecords.map((p) => (
        <Alert key={p.generation} variant="warning">
          <TriangleAlert aria-hidden />
          <AlertTitle>The {p.generation} records could not be read</AlertTitle>
          <AlertDescription>
            <p>{p.error!.explanation}</p>
            <UpstreamFacts upstream={p.error!} />
          </AlertDescription>
        </Alert>
      ))}
      {detail.parts.events.state === "failed" ? (
        <Alert variant="warning">
          <TriangleAlert aria-hidden />
          <AlertTitle>Tencent&apos;s events could not be read</AlertTitle>
          <AlertDescription>
            The console&apos;s database did not answer in time, so this page shows the record
            without each person&apos;s timeline. Outcomes of group callees may read &quot;Not known
            from the record&quot;. Reload to try again.
          </AlertDescription>
        </Alert>
      ) : null}
      {live.state === "error" && live.error ? (
        <Alert variant="warning">
          <TriangleAlert aria-hidden />
          <AlertTitle>Live status unavailable</AlertTitle>
          <AlertDescription>
            <p>
              Tencent&apos;s call engine did not answer, so the page cannot tell whether the call is
              still live.
            </p>
            <UpstreamFacts upstream={live.error} />
          </AlertDescription>
        </Alert>
      ) : null}
    </>
  );
}
