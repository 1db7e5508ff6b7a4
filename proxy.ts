import { type NextFetchEvent, type NextRequest, NextResponse } from "next/server";
import { withAuth } from "next-auth/middleware";

import {
  parameterProblemJson,
  authParameterProblem,
  hasMalformedEncoding,
  isCallbackUrl,
  malformedAddressJson,
  malformedAddressPage,
} from "@/lib/http/malformed-address";
import {
  baseSecurityHeaders,
  NON_PAGE_CONTENT_SECURITY_POLICY,
  pageContentSecurityPolicy,
  servedOverHttps,
} from "@/lib/http/security-headers.mjs";

// Optimistic redirect only: a visitor without a session cookie who asks for a page is sent to
// /login?callbackUrl=<path and query>, so deep links survive sign-in. No database work here;
// pages and API routes check the session and role themselves (API routes answer 401 JSON).
const redirectWithoutSession = withAuth({ pages: { signIn: "/login" } });

const PUBLIC_FILE = /\.(?:png|svg|ico|txt|webmanifest)$/;

function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/** The policy and HSTS are decided per request; the other headers come from next.config.mjs. */
function secured(response: Response, policy: string, ownAnswer: boolean): Response {
  // Answers made here never reach Next's header rules, so they carry the whole set.
  for (const [key, value] of Object.entries(baseSecurityHeaders({ https: servedOverHttps() }))) {
    if (ownAnswer || key === "Strict-Transport-Security") response.headers.set(key, value);
  }
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

const CALLBACK_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"];

/** next-auth answers 500 to a callback-url cookie it cannot use; without one it takes its default. */
function dropBadCallbackCookie(req: NextRequest): boolean {
  let dropped = false;
  for (const name of CALLBACK_COOKIES) {
    const value = req.cookies.get(name)?.value;
    if (value !== undefined && !isCallbackUrl(value)) {
      req.cookies.delete(name);
      dropped = true;
    }
  }
  return dropped;
}

export default async function proxy(req: NextRequest, event: NextFetchEvent): Promise<Response> {
  const { pathname } = req.nextUrl;
  const api = pathname.startsWith("/api/");
  if (hasMalformedEncoding(pathname)) {
    return api
      ? secured(malformedAddressJson(), NON_PAGE_CONTENT_SECURITY_POLICY, true)
      : secured(malformedAddressPage(), NON_PAGE_CONTENT_SECURITY_POLICY, true);
  }
  const problem = pathname.startsWith("/api/auth/")
    ? authParameterProblem(req.nextUrl.searchParams)
    : null;
  if (problem) {
    return secured(parameterProblemJson(problem), NON_PAGE_CONTENT_SECURITY_POLICY, true);
  }
  if (pathname.startsWith("/api/auth/") && dropBadCallbackCookie(req)) {
    const forwarded = NextResponse.next({ request: { headers: req.headers } });
    return secured(forwarded, NON_PAGE_CONTENT_SECURITY_POLICY, false);
  }
  if (api || PUBLIC_FILE.test(pathname)) {
    return secured(NextResponse.next(), NON_PAGE_CONTENT_SECURITY_POLICY, false);
  }

  const policy = pageContentSecurityPolicy({
    nonce: newNonce(),
    dev: process.env.NODE_ENV !== "production",
  });
  const redirect = (await redirectWithoutSession(req as never, event)) as Response | undefined;
  if (redirect) return secured(redirect, policy, true);
  // Next reads the nonce from the request's policy and puts it on the scripts it renders.
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set("Content-Security-Policy", policy);
  return secured(NextResponse.next({ request: { headers: requestHeaders } }), policy, false);
}

export const config = {
  matcher: ["/((?!_next/static/|_next/image).*)"],
};
