import { DatabaseBackup } from "lucide-react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import type { CallDetail } from "@/lib/call-detail/types";

/** Tencent failed and the record index answered: the page shows its copy, which may be stale. */
export function IndexSnapshotNotice({ detail }: { detail: CallDetail }) {
  const synced = detail.archivedAt
    ? `, last synced on ${detail.archivedAt.slice(0, 16).replace("T", " ")} UTC`
    : "";
  const liveUnknown = detail.parts.live.state === "error";
  return (
    <Alert variant="warning" role="status">
      <DatabaseBackup aria-hidden />
      <AlertTitle>Indexed snapshot: Tencent could not answer</AlertTitle>
      <AlertDescription>
        Tencent did not answer this lookup, so the page shows the console&apos;s own copy from its
        record index{synced}. It may be out of date
        {liveUnknown ? ", and whether the call is live now is not known" : ""}. Tencent&apos;s
        errors are below; reload the page once they clear.
      </AlertDescription>
    </Alert>
  );
}
