import "server-only";

import { cache } from "react";
import { getToken } from "next-auth/jwt";
import { cookies } from "next/headers";
import { forbidden, redirect } from "next/navigation";

import { getAuthOptions } from "@/lib/auth/options";
import { hasRole, isRole, type Role } from "@/lib/auth/roles";
import { findSessionUser } from "@/lib/auth/session-users";

export type SessionUser = { id: string; email: string; name: string | null; role: Role };

/**
 * The signed-in user for this request, or null. De-duplicated within one render.
 *
 * next-auth's getToken decrypts the session cookie; the account is then read by id exactly as the
 * jwt callback in lib/auth/options.ts reads it, so a demoted or removed user loses access within
 * the same bound. getServerSession would run the whole auth handler and encrypt a new cookie that
 * a server component cannot set. As there, an Authorization header is not accepted.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const jar = await cookies();
  // getToken reads only `cookies` (chunked session cookies included) and `headers` (for the
  // Authorization header, left empty on purpose) of the request it is given.
  const req = {
    cookies: Object.fromEntries(jar.getAll().map((c) => [c.name, c.value])),
    headers: {},
  } as unknown as Parameters<typeof getToken>[0]["req"];
  const token = await getToken({ req, secret: getAuthOptions().secret });
  if (!token || typeof token.uid !== "string") return null;
  const row = await findSessionUser(token.uid);
  if (!row || !isRole(row.role)) return null;
  return { id: row.id, email: row.email, name: row.name, role: row.role };
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
