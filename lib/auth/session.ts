import "server-only";

import { cache } from "react";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";

import { getAuthOptions } from "@/lib/auth/options";
import { hasRole, type Role } from "@/lib/auth/roles";

export type SessionUser = { id: string; email: string; name: string | null; role: Role };

/** The signed-in user for this request, or null. De-duplicated within one render. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(getAuthOptions());
  return session?.user ?? null;
});

/**
 * Page guard for server components. Signed-out visitors are normally redirected by proxy.ts with
 * their full URL; this is the second line, for sessions revoked since the cookie was issued.
 * A role that is too low renders app/forbidden.tsx with status 403.
 */
export async function requireRole(required: Role): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  if (!hasRole(user.role, required)) forbidden();
  return user;
}
