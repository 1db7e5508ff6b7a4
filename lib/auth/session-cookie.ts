import "server-only";

import { getToken } from "next-auth/jwt";

import { isRole, type Role } from "@/lib/auth/roles";
import { findSessionCached } from "@/lib/auth/session-users";
import { isSessionLive } from "@/lib/db/sessions";
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
  if (!token || typeof token.sid !== "string") return null;
  // The cookie only names the session; the database says whether it is still live, and the role.
  const live = await findSessionCached(token.sid);
  if (!live || !isSessionLive(live.session)) return null;
  const row = live.user;
  if (!isRole(row.role)) return null;
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}
