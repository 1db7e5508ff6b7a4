import "server-only";

import { cookies } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";

import { hasRole, type Role } from "@/lib/auth/roles";
import { sessionUserFromCookies, type SessionUser } from "@/lib/auth/session-cookie";

export const getSessionUser = cache(async (): Promise<SessionUser | null> =>
  sessionUserFromCookies((await cookies()).getAll()),
);

// proxy.ts already redirects signed-out visitors; this catches sessions revoked since sign-in.
export async function requireRole(required: Role): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  if (!hasRole(user.role, required)) forbidden();
  return user;
}
