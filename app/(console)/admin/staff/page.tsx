import type { Metadata } from "next";

import { AddStaffForm } from "@/components/admin/add-staff-form";
import { LockoutsTable } from "@/components/admin/lockouts-table";
import { StaffTable, type StaffRow } from "@/components/admin/staff-table";
import { PageHeader } from "@/components/console/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listLockouts } from "@/lib/db/throttle";
import { listUsers, type PublicUser } from "@/lib/db/users";

export const metadata: Metadata = { title: "Staff" };

function signInMethod(user: PublicUser): string {
  if (user.isDemo) return "Demo password";
  if (user.source === "oidc") return user.hasPassword ? "SSO and password" : "SSO";
  return user.hasPassword ? "Password" : "No password set";
}

export default async function StaffPage() {
  const me = await requireRole("admin");
  const db = await getDb();
  const [users, lockouts] = await Promise.all([listUsers(db), listLockouts(db)]);
  const rows: StaffRow[] = users.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    signIn: signInMethod(u),
    lastSignInAt: u.lastSignInAt ? new Date(u.lastSignInAt).toISOString() : null,
    isSelf: u.id === me.id,
  }));
  return (
    <>
      <PageHeader
        title="Staff"
        description="The people who can sign in to this console. SSO accounts appear after their first sign-in and take their role from your identity provider's groups. A role change, a password reset or a removal signs the person out at once."
      />
      <div className="flex flex-col gap-6">
        <Card>
          <CardHeader>
            <CardTitle>
              {rows.length} account{rows.length === 1 ? "" : "s"}
            </CardTitle>
            <CardDescription>
              The same changes can be made on the server with{" "}
              <code className="font-mono">npm run users</code>.
            </CardDescription>
          </CardHeader>
          <CardContent>
            {rows.length > 0 ? (
              <StaffTable rows={rows} />
            ) : (
              <p className="text-muted-foreground text-sm">No accounts yet.</p>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Add an account</CardTitle>
          </CardHeader>
          <CardContent>
            <AddStaffForm />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Sign-in lockouts</CardTitle>
            <CardDescription>
              After five wrong passwords, that account is locked for 15 minutes from that address
              only; an address that guesses across many accounts is locked for every account.
              Clearing one lets them try again now.
            </CardDescription>
          </CardHeader>
          <CardContent>
            {lockouts.length > 0 ? (
              <LockoutsTable
                rows={lockouts.map((l) => ({
                  bucket: l.bucket,
                  kind: l.kind,
                  email: l.email,
                  address: l.address,
                  attempts: l.attempts,
                  lockedUntil: new Date(l.lockedUntil!).toISOString(),
                }))}
              />
            ) : (
              <p className="text-muted-foreground text-sm">Nobody is locked out.</p>
            )}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
