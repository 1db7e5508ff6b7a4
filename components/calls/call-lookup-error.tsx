import { AlertTriangle } from "lucide-react";

import { UpstreamFacts } from "@/components/calls/upstream-facts";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { CallLookupErrorDetails, UpstreamProblem } from "@/lib/call-detail/types";
import { ApiRequestError } from "@/lib/queries/fetch-json";

const PACKAGE_TEXT =
  "Tencent answers error 50001 when the app has no TUICallKit Group Call package (or free trial). The older v1 record API needs it, so calls made with the deprecated client APIs cannot be looked up. Buy or claim the package in the Tencent Cloud console, or have an administrator set TRTC_RECORDS_API=v4 to read only the current records.";

function describe(error: unknown): {
  title: string;
  text: string;
  upstream: UpstreamProblem | null;
} {
  if (!(error instanceof ApiRequestError)) {
    return {
      title: "The console could not be reached",
      text: "Check your connection and try again.",
      upstream: null,
    };
  }
  const details = error.details as Partial<CallLookupErrorDetails> | undefined;
  const upstream = details?.upstream ?? null;
  if (details?.reason === "package_missing") {
    return {
      title: "The app has no TUICallKit Group Call package (error 50001)",
      text: PACKAGE_TEXT,
      upstream,
    };
  }
  if (upstream) return { title: "Tencent could not answer", text: upstream.explanation, upstream };
  if (error.status === 401)
    return { title: "You are signed out", text: "Sign in again to look up calls.", upstream };
  return { title: "The call could not be looked up", text: error.message, upstream };
}

export function CallLookupError({
  error,
  onRetry,
  retrying,
}: {
  error: unknown;
  onRetry: () => void;
  retrying: boolean;
}) {
  const { title, text, upstream } = describe(error);
  return (
    <div className="flex max-w-3xl flex-col gap-4">
      <Alert variant="destructive">
        <AlertTriangle aria-hidden />
        <AlertTitle className="line-clamp-none">{title}</AlertTitle>
        <AlertDescription>
          <p>{text}</p>
          {upstream ? <UpstreamFacts upstream={upstream} /> : null}
        </AlertDescription>
      </Alert>
      <Button className="w-fit" onClick={onRetry} disabled={retrying}>
        {retrying ? "Retrying…" : "Retry"}
      </Button>
    </div>
  );
}
