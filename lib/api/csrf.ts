// Cross-site request refusal for state-changing routes. Browsers send Sec-Fetch-Site and Origin
// on every cross-site POST/PUT/PATCH/DELETE; tools like curl send neither and carry no ambient
// cookie, so they are not a CSRF vector and are let through to the session check.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

/** The origins this console answers on: NEXTAUTH_URL and the host the request was sent to. */
export function expectedOrigins(headers: Headers, nextauthUrl?: string): Set<string> {
  const origins = new Set<string>();
  if (nextauthUrl) {
    try {
      origins.add(new URL(nextauthUrl).origin);
    } catch {
      // lib/env.ts validates the URL; nothing to add if it is somehow malformed.
    }
  }
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  if (host) {
    const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || "http";
    origins.add(`${proto}://${host}`);
    // A TLS-terminating proxy may forward plain http; accept the https form of the same host.
    origins.add(`https://${host}`);
  }
  return origins;
}

/** Null when the request may proceed, otherwise a short reason for the log. */
export function crossSiteReason(
  method: string,
  headers: Headers,
  nextauthUrl?: string,
): string | null {
  if (isSafeMethod(method)) return null;
  const site = headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return `sec-fetch-site=${site}`;
  const origin = headers.get("origin");
  if (origin !== null) {
    if (origin === "null" || !expectedOrigins(headers, nextauthUrl).has(origin))
      return `origin=${origin}`;
  }
  return null;
}
