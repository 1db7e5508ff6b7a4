import { PhoneCall } from "lucide-react";
import Link from "next/link";

import { DemoBanner } from "@/components/console/demo-banner";
import { MainNav } from "@/components/console/main-nav";
import { SignOutButton } from "@/components/console/sign-out-button";
import { UpstreamStatus } from "@/components/console/upstream-status";
import { SearchBox } from "@/components/search/search-box";
import { Badge } from "@/components/ui/badge";
import { ROLE_LABELS } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/session-cookie";

export function AppShell({
  user,
  demo,
  children,
}: {
  user: SessionUser;
  demo: boolean;
  children: React.ReactNode;
}) {
  return (
    <div className="flex min-h-dvh flex-col">
      {demo ? <DemoBanner /> : null}
      <header className="bg-card/90 supports-[backdrop-filter]:bg-card/75 sticky top-0 z-20 border-b backdrop-blur">
        {/* Two rows by design: identity and search on top, sections below, so neither wraps
            unpredictably. On a phone each row is one line, so the header stays near a tenth of the
            screen: the name and role give way to the search box. */}
        <div className="mx-auto flex max-w-6xl items-center gap-x-3 px-3 pt-1.5 pb-1 sm:flex-wrap sm:gap-x-6 sm:gap-y-2 sm:px-4 sm:pt-2.5 sm:pb-2">
          <Link href="/" className="flex shrink-0 items-center gap-2 font-semibold">
            <span className="bg-primary text-primary-foreground flex size-7 items-center justify-center rounded-md">
              <PhoneCall aria-hidden className="size-4" />
            </span>
            <span className="sr-only sm:not-sr-only">Call Console</span>
          </Link>
          <div className="flex min-w-0 flex-1 sm:max-w-sm">
            <SearchBox />
          </div>
          <div className="ml-auto flex shrink-0 items-center gap-3" aria-label="Signed-in user">
            <UpstreamStatus className="hidden lg:inline-flex" />
            <div className="hidden flex-col items-end leading-tight sm:flex">
              <span className="max-w-48 truncate text-sm font-medium" title={user.email}>
                {user.name ?? user.email}
              </span>
              {user.name ? (
                <span className="text-muted-foreground max-w-48 truncate text-xs">
                  {user.email}
                </span>
              ) : null}
            </div>
            <Badge
              variant="secondary"
              aria-label={`Role: ${ROLE_LABELS[user.role]}`}
              className="hidden sm:inline-flex"
            >
              {ROLE_LABELS[user.role]}
            </Badge>
            <SignOutButton />
          </div>
        </div>
        <div className="mx-auto max-w-6xl px-1 pb-1 sm:px-2 sm:pb-1.5">
          <MainNav role={user.role} />
        </div>
      </header>
      <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">{children}</main>
    </div>
  );
}
