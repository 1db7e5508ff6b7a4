import { redirect } from "next/navigation";

import { AppShell } from "@/components/console/app-shell";
import { getSessionUser } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";

// The shell reads the session for display only; every page checks its own role (layouts do not
// re-run on client navigation, so they cannot be the guard).
export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  return (
    <AppShell user={user} demo={getEnv().embedded}>
      {children}
    </AppShell>
  );
}
