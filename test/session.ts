import { NextRequest } from "next/server";
import { encode } from "next-auth/jwt";

import type { Role } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { startSession } from "@/lib/db/sessions";
import { createUser, findUserByEmail } from "@/lib/db/users";

// Route tests sign in as the browser does: with a session cookie that next-auth itself encrypted,
// for an account and a session in the app's database (see APP_DATABASES), read by the real route
// wrapper.

const SECRET = "route-tests-secret-not-for-production-use";
process.env.NEXTAUTH_SECRET = SECRET;

/** The `Cookie` header of a signed-in user with this role (created on first use). */
export async function sessionCookie(role: Role): Promise<string> {
  const db = await getDb();
  const email = `${role}@example.com`;
  const user =
    (await findUserByEmail(db, email)) ?? (await createUser(db, { email, role, name: null }));
  const endsAt = Math.floor(Date.now() / 1000) + 3600;
  const session = await startSession(db, { userId: user.id, expiresAt: new Date(endsAt * 1000) });
  const token = await encode({
    secret: SECRET,
    token: { sub: user.id, uid: user.id, sid: session.id, endsAt, email, name: null, role },
  });
  return `next-auth.session-token=${token}`;
}

/** A request to the app signed in with `role`, or signed out (null). */
export async function requestAs(
  role: Role | null,
  url: string,
  init: ConstructorParameters<typeof NextRequest>[1] = {},
): Promise<NextRequest> {
  const headers = new Headers(init.headers);
  if (role) headers.set("cookie", await sessionCookie(role));
  return new NextRequest(new URL(url, "http://console.test"), { ...init, headers });
}
