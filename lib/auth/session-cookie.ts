import "server-only";

import { getToken } from "next-auth/jwt";

import { isRole, type Role } from "@/lib/auth/roles";
import { findSessionUser } from "@/lib/auth/session-users";
import { getEnv } from "@/lib/env";

export type SessionUser = { id: string; email: string; name: string | null; role: Role };

/**
 * The signed-in user for a request's cookies, or null. The account is re-read by id as the jwt
 * callback in lib/auth/options.ts does, so a demoted or removed user loses access within its bound.
 * getServerSession is not used: it would also encrypt a new cookie that a handler cannot set.
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
  // next-auth's own decoding with its secret, read from env so handlers do not build its providers.
  const token = await getToken({ req, secret: getEnv().NEXTAUTH_SECRET });
  if (!token || typeof token.uid !== "string") return null;
  const row = await findSessionUser(token.uid);
  if (!row || !isRole(row.role)) return null;
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}
