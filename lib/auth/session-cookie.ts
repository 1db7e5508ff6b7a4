import "server-only";

import { getToken } from "next-auth/jwt";

import { isRole, type Role } from "@/lib/auth/roles";
import { findSessionUser } from "@/lib/auth/session-users";
import { getEnv } from "@/lib/env";

export type SessionUser = { id: string; email: string; name: string | null; role: Role };

// Not getServerSession: it would also encrypt a new cookie, which a route handler cannot set.
export async function sessionUserFromCookies(
  list: { name: string; value: string }[],
): Promise<SessionUser | null> {
  // getToken reads only these two fields; no Authorization header, so only the cookie counts.
  const req = {
    cookies: Object.fromEntries(list.map((c) => [c.name, c.value])),
    headers: {},
  } as unknown as Parameters<typeof getToken>[0]["req"];
  const token = await getToken({ req, secret: getEnv().NEXTAUTH_SECRET });
  if (!token || typeof token.uid !== "string") return null;
  const row = await findSessionUser(token.uid);
  if (!row || !isRole(row.role)) return null;
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}
