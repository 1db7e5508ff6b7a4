import { AlertTriangle } from "lucide-react";

import { UpstreamFacts } from "@/components/calls/upstream-facts";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import type { UpstreamFailure } from "@/lib/events/callback-config";

const PACKAGE_MISSING = 50001;

/** Tencent's refusal with what support needs to quote it: the code and the RequestId. */
export function UpstreamFailureAlert({
  title,
  failure,
}: {
  title: string;
  failure: UpstreamFailure;
}) {
  const packageMissing = failure.code === PACKAGE_MISSING;
  return (
    <Alert variant="destructive">
      <AlertTriangle aria-hidden />
      <AlertTitle className="line-clamp-none">
        {packageMissing ? "The app has no TUICallKit Group Call package (error 50001)" : title}
      </AlertTitle>
      <AlertDescription>
        <p>
          {packageMissing
            ? "Tencent sends the v1 callbacks only to apps with the Group Call package (or its free trial). Calls made with the current client APIs are reported through v4."
            : failure.explanation}
        </p>
        <UpstreamFacts upstream={failure} />
      </AlertDescription>
    </Alert>
  );
}
