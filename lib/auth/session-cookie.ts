import "server-only";

import { getToken } from "next-auth/jwt";

import { isRole, type Role } from "@/lib/auth/roles";
import { decodeSessionToken } from "@/lib/auth/session-token";
import { findSessionUser } from "@/lib/auth/session-users";
import { getEnv } from "@/lib/env";

export type SessionUser = { id: string; email: string; name: string | null; role: Role };

/**
 * The signed-in user for a request's cookies, or null.
 *
 * This is what next-auth's getServerSession answers, without its cost: getServerSession runs the
 * whole auth handler for every request (options, CSRF token, two key derivations, decrypting the
 * cookie and encrypting a new one that a server component or route handler cannot even set).
 * Here the cookie is decrypted once and the account is read by id exactly as the jwt callback in
 * lib/auth/options.ts reads it (through the same memory of at most 5 s), so a demoted or removed
 * user loses access within the same bound. Only the session cookie is read: like getServerSession,
 * an Authorization header is not accepted in its place.
 */
export async function sessionUserFromCookies(
  list: { name: string; value: string }[],
): Promise<SessionUser | null> {
  // getToken reads only `cookies` (chunked session cookies included) and `headers` (for the
  // Authorization header, left empty on purpose) of the request it is given.
  const req = {
    cookies: Object.fromEntries(list.map((c) => [c.name, c.value])),
    headers: {},
  } as unknown as Parameters<typeof getToken>[0]["req"];
  // The same secret and decoder as next-auth's own handler (lib/auth/options.ts); not read from
  // there, so that route handlers do not build next-auth's providers.
  const token = await getToken({
    req,
    secret: getEnv().NEXTAUTH_SECRET,
    decode: decodeSessionToken,
  });
  if (!token || typeof token.uid !== "string") return null;
  const row = await findSessionUser(token.uid);
  if (!row || !isRole(row.role)) return null;
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}
