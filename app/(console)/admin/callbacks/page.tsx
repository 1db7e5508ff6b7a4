import type { Metadata } from "next";

import { CallbacksPanel } from "@/components/callbacks/callbacks-panel";
import { PageHeader } from "@/components/console/page-header";
import { requireRole } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Callbacks" };

export default async function CallbacksPage() {
  await requireRole("admin");
  return (
    <>
      <PageHeader
        title="Callbacks"
        description="Tencent pushes each call's events (who was invited, whose phone rang, who answered, declined or hung up) to a URL you configure. Pointed at this console, they fill in every participant's story, the list of live calls and who ended a call. Tencent must be able to reach the URL below."
      />
      <CallbacksPanel />
    </>
  );
}
