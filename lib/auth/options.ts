import "server-only";

import type { NextAuthOptions } from "next-auth";
import { encode } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";

import { safeCallbackPath } from "@/lib/auth/callback-url";
import { clientAddress, proxyTrustOf } from "@/lib/auth/client-address";
import { signInWithPassword } from "@/lib/auth/credentials";
import { decideOidcSignIn } from "@/lib/auth/oidc-roles";
import { isRole } from "@/lib/auth/roles";
import { endSession } from "@/lib/auth/session-revocation";
import { findSessionCached, type FindSession } from "@/lib/auth/session-users";
import { BUSY_ERROR_PREFIX, THROTTLED_ERROR_PREFIX } from "@/lib/auth/sign-in-errors";
import { writeAudit } from "@/lib/db/audit";
import { getDb } from "@/lib/db/client";
import { isSessionLive, startSession } from "@/lib/db/sessions";
import { findUserByEmail, upsertOidcUser } from "@/lib/db/users";
import { getEnv, type Env } from "@/lib/env";

export const OIDC_PROVIDER_ID = "oidc";
/** Idle timeout: a session cookie not renewed for this long expires. */
export const SESSION_IDLE_SECONDS = 8 * 60 * 60;

/** Thrown from the jwt callback so next-auth clears the cookie instead of renewing it. */
export class SessionEndedError extends Error {
  constructor() {
    super("session ended");
    this.name = "SessionEndedError";
  }
}

export type AuthDeps = { findSession?: FindSession; now?: () => number };

export function buildAuthOptions(env: Env, deps: AuthDeps = {}): NextAuthOptions {
  const findSession = deps.findSession ?? findSessionCached;
  const now = deps.now ?? Date.now;
  const idleSeconds = Math.min(SESSION_IDLE_SECONDS, env.SESSION_LIFETIME);
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "E-mail and password",
      credentials: {
        email: { label: "E-mail", type: "email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials, req) {
        const db = await getDb();
        const result = await signInWithPassword(
          db,
          credentials ?? {},
          clientAddress(req.headers ?? {}, proxyTrustOf(env)),
        );
        if (result.ok) return result.user;
        if (result.reason === "throttled")
          throw new Error(`${THROTTLED_ERROR_PREFIX}${result.retryAfterSeconds}`);
        if (result.reason === "busy")
          throw new Error(`${BUSY_ERROR_PREFIX}${result.retryAfterSeconds}`);
        return null;
      },
    }),
  ];

  const oidcMapping = {
    claim: env.AUTH_OIDC_ROLES_CLAIM,
    admin: env.AUTH_OIDC_ADMIN_GROUPS,
    manager: env.AUTH_OIDC_MANAGER_GROUPS,
    support: env.AUTH_OIDC_SUPPORT_GROUPS,
    allowedDomain: env.AUTH_OIDC_ALLOWED_DOMAIN,
  };

  if (env.AUTH_OIDC_ISSUER) {
    providers.push({
      id: OIDC_PROVIDER_ID,
      name: env.AUTH_OIDC_NAME,
      type: "oauth",
      wellKnown: `${env.AUTH_OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: env.AUTH_OIDC_CLIENT_ID,
      clientSecret: env.AUTH_OIDC_CLIENT_SECRET,
      authorization: { params: { scope: env.AUTH_OIDC_SCOPE } },
      // Claims come from the ID token, which openid-client verifies (issuer, audience, signature).
      idToken: true,
      checks: ["pkce", "state", "nonce"],
      profile(profile: Record<string, unknown>) {
        return {
          id: String(profile.sub),
          email: typeof profile.email === "string" ? profile.email : null,
          name: typeof profile.name === "string" ? profile.name : null,
        };
      },
    });
  }

  return {
    secret: env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: idleSeconds },
    jwt: {
      // A renewed cookie never outlives the session's absolute end.
      async encode(params) {
        const endsAt = params.token?.endsAt;
        const left = typeof endsAt === "number" ? endsAt - Math.floor(now() / 1000) : idleSeconds;
        return encode({ ...params, maxAge: Math.min(params.maxAge ?? idleSeconds, left) });
      },
    },
    pages: { signIn: "/login", error: "/login" },
    providers,
    logger: {
      error: (code, metadata) => {
        // An ended session asking to be renewed is expected, not an error.
        if (metadata instanceof SessionEndedError) return;
        console.error(`[next-auth] ${code}`, metadata instanceof Error ? metadata.message : "");
      },
      warn: (code) => console.warn(`[next-auth] ${code}`),
      debug: () => {},
    },
    callbacks: {
      async signIn({ account, profile }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        const db = await getDb();
        const decision = decideOidcSignIn((profile ?? {}) as Record<string, unknown>, oidcMapping);
        if (!decision.ok) {
          const who = typeof profile?.email === "string" ? profile.email : "unknown";
          await writeAudit(db, {
            actor: who.toLowerCase(),
            action: "auth.sso_refused",
            details: { reason: decision.reason },
          });
          return `/login?error=AccessDenied&reason=${decision.reason}`;
        }
        await upsertOidcUser(db, decision);
        await writeAudit(db, {
          actor: decision.email,
          action: "auth.sign_in",
          details: { method: "oidc", role: decision.role },
        });
        return true;
      },

      async jwt({ token, user }) {
        if (user) {
          // At sign-in `user` carries the SSO provider's subject, not our id: look it up by e-mail.
          const db = await getDb();
          const row = await findUserByEmail(db, user.email ?? "");
          if (!row || !isRole(row.role)) return { sub: token.sub };
          const endsAt = Math.floor(now() / 1000) + env.SESSION_LIFETIME;
          const session = await startSession(db, {
            userId: row.id,
            expiresAt: new Date(endsAt * 1000),
          });
          return {
            sub: token.sub,
            sid: session.id,
            endsAt,
            uid: row.id,
            email: row.email,
            name: row.name,
            role: row.role,
          };
        }
        // Renewal (GET /api/auth/session): only a session the database still holds live.
        const live = typeof token.sid === "string" ? await findSession(token.sid) : undefined;
        if (!live || !isSessionLive(live.session, new Date(now())) || !isRole(live.user.role))
          throw new SessionEndedError();
        const { user: row } = live;
        return { ...token, uid: row.id, email: row.email, name: row.name, role: row.role };
      },

      session({ session, token }) {
        if (!token.uid || !token.role || !token.email) return { expires: session.expires };
        return {
          expires: session.expires,
          user: { id: token.uid, email: token.email, name: token.name ?? null, role: token.role },
        };
      },

      redirect({ url, baseUrl }) {
        return `${baseUrl}${safeCallbackPath(url, baseUrl)}`;
      },
    },
    events: {
      async signOut({ token }) {
        const db = await getDb();
        if (typeof token?.sid === "string") await endSession(db, token.sid);
        if (token?.email) await writeAudit(db, { actor: token.email, action: "auth.sign_out" });
      },
    },
  };
}

let cached: NextAuthOptions | undefined;

/** The process's next-auth options, built on first use (never at import: `next build` imports routes). */
export function getAuthOptions(): NextAuthOptions {
  cached ??= buildAuthOptions(getEnv());
  return cached;
}

export function signInMethods(env: Env = getEnv()): { sso: { id: string; name: string } | null } {
  return { sso: env.AUTH_OIDC_ISSUER ? { id: OIDC_PROVIDER_ID, name: env.AUTH_OIDC_NAME } : null };
}
