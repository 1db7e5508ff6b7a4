// Browsers send Sec-Fetch-Site or Origin on cross-site writes. Tools like curl send neither, but
// they carry no ambient cookie either, so they are no CSRF vector and go on to the session check.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

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
