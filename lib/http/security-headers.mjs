// @ts-check

// Plain JavaScript so next.config.mjs, proxy.ts and the launcher's preload (which answers Node's
// own 431 before Next sees the request) all send the same headers.

/** Whether the console is served over https, i.e. whether browsers should be told to keep to it. */
export function servedOverHttps(url = process.env.NEXTAUTH_URL) {
  return typeof url === "string" && /^https:\/\//i.test(url);
}

/** Two years: browsers keep to https for this host once they have seen it. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

/**
 * Headers every answer carries: pages, API, files and errors alike.
 * @param {{ https: boolean }} options
 * @returns {Record<string, string>}
 */
export function baseSecurityHeaders({ https }) {
  return {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    // Call and user ids sit in our URLs; do not hand them to other sites.
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(https ? { "Strict-Transport-Security": STRICT_TRANSPORT_SECURITY } : {}),
  };
}

/**
 * A page's policy: only scripts carrying this request's nonce run, and what they load.
 * @param {{ nonce: string, dev: boolean }} options
 */
export function pageContentSecurityPolicy({ nonce, dev }) {
  return [
    "default-src 'self'",
    // React's development build needs eval; production must not allow it.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Charts and Radix set style attributes at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}

/** For everything that is not a page (JSON, CSV, files): nothing in it may run or be framed. */
export const NON_PAGE_CONTENT_SECURITY_POLICY =
  "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
