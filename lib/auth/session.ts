import "server-only";

import { cache } from "react";
import { cookies } from "next/headers";
import { forbidden, redirect } from "next/navigation";

import { hasRole, type Role } from "@/lib/auth/roles";
import { sessionUserFromCookies, type SessionUser } from "@/lib/auth/session-cookie";

/**
 * The signed-in user for this request, or null. De-duplicated within one render. Route handlers
 * have the request and use sessionUserFromCookies directly.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> =>
  sessionUserFromCookies((await cookies()).getAll()),
);

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
