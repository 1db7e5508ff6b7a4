import type { Metadata } from "next";

import { PageHeader } from "@/components/console/page-header";
import { SyncPanel } from "@/components/sync/sync-panel";
import { requireRole } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Record index" };

export default async function SyncPage() {
  await requireRole("admin");
  return (
    <>
      <PageHeader
        title="Record index"
        description="The console copies Tencent's call records into its own database, because Tencent keeps them for only 7 days and cannot search them by user. A pass runs on a schedule; “Sync now” starts one at once on whichever instance holds the sync."
      />
      <SyncPanel canSync />
    </>
  );
}
