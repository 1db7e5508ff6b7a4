import type { Metadata } from "next";
import { Suspense } from "react";

import { PageHeader } from "@/components/console/page-header";
import { PresenceBadge } from "@/components/presence/presence-badge";
import { TableSkeleton } from "@/components/records/table-skeleton";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { UserHistory } from "@/components/users/user-history";
import { requireRole } from "@/lib/auth/session";
import { decodeSegment, userIdSchema } from "@/lib/records/user-id";

type Props = { params: Promise<{ userId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `User ${decodeSegment((await params).userId).slice(0, 40)}` };
}

// A user's history, linked from every user ID in the console. The data comes from the record
// index through /api/records?user= and /api/users/:userId, fetched in the browser like /records.
export default async function UserPage({ params }: Props) {
  await requireRole("support");
  const raw = decodeSegment((await params).userId);
  const check = userIdSchema.safeParse(raw);
  if (!check.success) {
    return (
      <>
        <PageHeader title="User" />
        <Alert variant="destructive">
          <AlertTitle>Not a valid user ID</AlertTitle>
          <AlertDescription>
            The user ID {check.error.issues[0]?.message ?? "is malformed"}.
          </AlertDescription>
        </Alert>
      </>
    );
  }
  return (
    <>
      <PageHeader
        title={`User ${check.data}`}
        description="Calls this user made or received, from the record index, with a summary of how they ended."
      >
        <PresenceBadge userId={check.data} className="text-sm" />
      </PageHeader>
      <Suspense fallback={<TableSkeleton />}>
        <UserHistory userId={check.data} />
      </Suspense>
    </>
  );
}
