import type { Metadata } from "next";

import { PageHeader } from "@/components/console/page-header";
import { LiveCallsView } from "@/components/live/live-calls-view";
import { requireRole } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Live calls" };

// Fetched and refreshed in the browser: the list changes every second.
export default async function LivePage() {
  await requireRole("support");
  return (
    <>
      <PageHeader
        title="Live calls"
        description="Every call in progress, from Tencent's callbacks: who is ringing, who is talking, and for how long."
      />
      <LiveCallsView />
    </>
  );
}
