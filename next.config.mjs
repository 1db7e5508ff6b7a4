// @ts-check

import {
  baseSecurityHeaders,
  NON_PAGE_CONTENT_SECURITY_POLICY,
  servedOverHttps,
  STRICT_TRANSPORT_SECURITY,
} from "./lib/http/security-headers.mjs";

// Pages and API answers get their policy (a page's with a per-request nonce) and HSTS from
// proxy.ts at run time; built files are served without it, so they get theirs here.
const toList = (/** @type {Record<string, string>} */ headers) =>
  Object.entries(headers).map(([key, value]) => ({ key, value }));

/** @type {import("next").NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Type checking is `npm run typecheck`; a build (which `npm start` may run on a fresh clone)
  // must not fail because a test file elsewhere in the repository does not type-check.
  typescript: { ignoreBuildErrors: true },
  // Native/wasm and worker-using packages are loaded by Node at run time, not bundled.
  // Tencent's Cloud API SDK (node-fetch, form-data, dynamic requires) too.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pg",
    "pino",
    "pino-pretty",
    "tls-sig-api-v2",
    "tencentcloud-sdk-nodejs-common",
  ],
  experimental: {
    // Enables forbidden() in page guards, answering 403 with app/forbidden.tsx.
    authInterrupts: true,
  },
  async headers() {
    return [
      { source: "/:path*", headers: toList(baseSecurityHeaders({ https: false })) },
      {
        source: "/_next/static/:path*",
        headers: toList({
          "Content-Security-Policy": NON_PAGE_CONTENT_SECURITY_POLICY,
          ...(servedOverHttps() ? { "Strict-Transport-Security": STRICT_TRANSPORT_SECURITY } : {}),
        }),
      },
    ];
  },
};

export default nextConfig;
