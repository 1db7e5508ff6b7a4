import type { Metadata } from "next";
import { Suspense } from "react";

import { PageHeader } from "@/components/console/page-header";
import { InsightsSkeleton, InsightsView } from "@/components/insights/insights-view";
import { requireRole } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Insights" };

// Figures are fetched in the browser, like the record browser: range presets and the "local"
// time zone are only known there, and the URL (read by nuqs) is the whole state.
export default async function InsightsPage() {
  await requireRole("manager");
  return (
    <>
      <PageHeader
        title="Insights"
        description="How calls end: answer rate, outcome mix, ring and talk times, each beside the previous period. Every figure opens the calls behind it."
      />
      <Suspense fallback={<InsightsSkeleton />}>
        <InsightsView retentionDays={getEnv().INDEX_RETENTION_DAYS} />
      </Suspense>
    </>
  );
}
