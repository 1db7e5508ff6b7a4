import type { Metadata } from "next";
import { Suspense } from "react";

import { PageHeader } from "@/components/console/page-header";
import { RecordsBrowser } from "@/components/records/records-browser";
import { TableSkeleton } from "@/components/records/table-skeleton";
import { hasRole } from "@/lib/auth/roles";
import { requireRole } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Records" };

// The data is fetched in the browser: presets such as "last hour" and the "local" time zone are
// only known there, and the URL (read by nuqs) is the whole state.
export default async function RecordsPage() {
  const user = await requireRole("support");
  return (
    <>
      <PageHeader
        title="Call records"
        description="Every call in the record index, filterable by time, result, call type, media, user and room. Copy the address to share exactly this view."
      />
      <Suspense fallback={<TableSkeleton />}>
        <RecordsBrowser canExport={hasRole(user.role, "manager")} />
      </Suspense>
    </>
  );
}
