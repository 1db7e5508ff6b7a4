import type { Metadata } from "next";

import { UsersTable } from "@/components/admin/users-table";
import { PageHeader } from "@/components/console/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listUsers } from "@/lib/db/users";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  await requireRole("admin");
  const users = await listUsers(await getDb());
  return (
    <>
      <PageHeader
        title="Users"
        description="Staff accounts that can sign in to this console. SSO accounts appear after their first sign-in and take their role from your identity provider's groups."
      />
      <Card>
        <CardHeader>
          <CardTitle>
            {users.length} account{users.length === 1 ? "" : "s"}
          </CardTitle>
          <CardDescription>
            Add, remove and change accounts on the server with{" "}
            <code className="font-mono">npm run users</code>.
          </CardDescription>
        </CardHeader>
        <CardContent>
          {users.length > 0 ? (
            <UsersTable users={users} />
          ) : (
            <p className="text-muted-foreground text-sm">No accounts yet.</p>
          )}
        </CardContent>
      </Card>
    </>
  );
}
