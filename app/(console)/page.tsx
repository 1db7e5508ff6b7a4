import { ArrowRight } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";

import { NAV_ITEMS } from "@/components/console/nav-items";
import { PageHeader } from "@/components/console/page-header";
import { UpstreamStatus } from "@/components/console/upstream-status";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { hasRole, ROLE_LABELS } from "@/lib/auth/roles";
import { requireRole } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Search" };

const SECTION_TEXT: Record<string, string> = {
  "/records": "Browse call records by time, result, call type, media and participant.",
  "/insights": "See how calls end: outcomes, durations and trends over time.",
  "/admin/staff":
    "Manage who can sign in to this console and with which role; clear sign-in lockouts.",
  "/admin/sync": "See how fresh the record index is and what its last sync did; start a sync now.",
};

export default async function SearchLanding() {
  const user = await requireRole("support");
  const env = getEnv();
  const sections = NAV_ITEMS.filter(
    (item) => item.href !== "/" && hasRole(user.role, item.minRole),
  );

  return (
    <>
      <PageHeader
        title="Look up a call"
        description="Start from what the ticket gives you: paste a call ID, several IDs or a console link into the search box at the top (press / to jump there). Every page in the console has a URL you can paste back into the ticket."
      />
      <div className="grid gap-4 md:grid-cols-3">
        <Card className="md:col-span-2">
          <CardHeader>
            <CardTitle>What you can do here</CardTitle>
            <CardDescription>
              Signed in as {user.email} with the {ROLE_LABELS[user.role].toLowerCase()} role.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <ul className="flex flex-col divide-y">
              {sections.map((item) => (
                <li key={item.href}>
                  <Link href={item.href} className="group flex items-center gap-3 py-3">
                    <item.icon aria-hidden className="text-muted-foreground size-5" />
                    <span className="flex-1">
                      <span className="block font-medium group-hover:underline">{item.label}</span>
                      <span className="text-muted-foreground block text-sm">
                        {SECTION_TEXT[item.href]}
                      </span>
                    </span>
                    <ArrowRight aria-hidden className="text-muted-foreground size-4" />
                  </Link>
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Connection</CardTitle>
            <CardDescription>
              {env.embedded
                ? "Demo mode: the console reads calls from its built-in emulator."
                : `Reading calls of Tencent app ${env.trtc.sdkAppId} (${env.TRTC_REGION} region).`}
            </CardDescription>
          </CardHeader>
          <CardContent>
            <UpstreamStatus />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
