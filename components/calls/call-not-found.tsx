import { SearchX } from "lucide-react";

import { ConsoleEnding } from "@/components/calls/console-ending";
import { Button } from "@/components/ui/button";
import type { CallNotFoundDetails } from "@/lib/call-detail/types";

// Tencent's minimum TUICallKit versions for calls to be reported at all (v1 intro, reference §0).
export const MIN_CLIENT_VERSIONS =
  "1.7.1 on Android, iOS, Flutter and uni-app, 1.4.6 on Web, 1.5.1 on WeChat Mini Program";

function deprecatedApiText(d: CallNotFoundDetails): string {
  if (d.searched.includes("v1") && d.searched.includes("v4")) {
    return "Calls made with the deprecated client APIs (TUICallKit.call() and groupCall()) appear only in the older v1 records. Both v4 and v1 records were searched, so this is not the reason here.";
  }
  if (d.searched.includes("v4")) {
    return "Calls made with the deprecated client APIs (TUICallKit.call() and groupCall()) appear only in the older v1 records, and this console reads only the v4 records (TRTC_RECORDS_API=v4). Ask an administrator to set TRTC_RECORDS_API=both.";
  }
  return "This console reads only the v1 records (TRTC_RECORDS_API=v1), which hold calls made with the deprecated client APIs. Calls made with the current APIs are in the v4 records: ask an administrator to set TRTC_RECORDS_API=both.";
}

export function CallNotFound({
  details,
  onRetry,
  retrying,
  endedMoments,
}: {
  details: CallNotFoundDetails;
  onRetry: () => void;
  retrying: boolean;
  /** The page saw this call live a moment ago: its record is probably not written yet. */
  endedMoments: boolean;
}) {
  const reasons: { title: string; text: string }[] = [
    {
      title: "The ID is wrong, or the call never existed",
      text: "Compare the ID with the one in the ticket or the app's logs, character by character. Call IDs are case-sensitive.",
    },
    {
      title: "The call is older than 7 days",
      text: details.archiveSearched
        ? "Tencent keeps call records for 7 days only, and the console's archive does not have this call either."
        : "Tencent keeps call records for 7 days only. Check the date of the call in the ticket.",
    },
    {
      title: "The app's TUICallKit is too old to report calls",
      text: `Tencent records calls only from TUICallKit ${MIN_CLIENT_VERSIONS} or later. Check the app versions of the caller and the callees.`,
    },
    { title: "It was made with the deprecated client APIs", text: deprecatedApiText(details) },
    {
      title: "The call ended a moment ago",
      text: "Tencent writes a call's record about 5 seconds after it ends. Look again in a few seconds.",
    },
  ];
  const justEnded = endedMoments || details.awaitingRecord;
  if (justEnded) reasons.unshift(reasons.pop()!);
  return (
    <section aria-labelledby="not-found-title" className="flex max-w-3xl flex-col gap-4">
      <div className="flex items-start gap-3">
        <SearchX aria-hidden className="text-muted-foreground mt-1 size-6 shrink-0" />
        <div className="flex min-w-0 flex-col gap-1">
          <h1 id="not-found-title" className="text-2xl font-semibold">
            {justEnded ? "The call has ended" : "Call not found"}
          </h1>
          <p className="text-muted-foreground text-sm break-all">
            {justEnded
              ? `Call ${details.callId} is no longer live, and Tencent has not written its record yet. This page keeps looking.`
              : `Tencent has no record of call ${details.callId} in the ${details.searched.join(" and ")} records, and no live call with this ID.`}
          </p>
        </div>
      </div>
      {details.staffEnding ? <ConsoleEnding ending={details.staffEnding} /> : null}
      <ol
        className="bg-card flex flex-col gap-3 rounded-lg border p-4"
        aria-label="Possible reasons"
      >
        {reasons.map((r) => (
          <li key={r.title} className="flex flex-col gap-0.5">
            <span className="text-sm font-medium">{r.title}</span>
            <span className="text-muted-foreground text-sm">{r.text}</span>
          </li>
        ))}
      </ol>
      {details.requestIds.length > 0 ? (
        <p className="text-muted-foreground text-xs">
          Tencent RequestIds (for Tencent support):{" "}
          <span className="font-mono break-all">{details.requestIds.join(", ")}</span>
        </p>
      ) : null}
      <Button className="w-fit" variant="outline" onClick={onRetry} disabled={retrying}>
        {retrying ? "Looking…" : "Look again"}
      </Button>
    </section>
  );
}
