// @ts-check
// Preloaded into the console's server process (`--import`, see start.ts). Node answers requests
// it cannot parse (a header block or URL over its size limit, a malformed request line) itself,
// before Next.js runs, with a bare status line; this gives them the console's JSON error envelope
// and security headers instead.
import http from "node:http";
import { syncBuiltinESMExports } from "node:module";

import {
  baseSecurityHeaders,
  NON_PAGE_CONTENT_SECURITY_POLICY,
  servedOverHttps,
} from "../lib/http/security-headers.mjs";

/** @type {Record<string, [number, string, string, string]>} */
const ANSWERS = {
  HPE_HEADER_OVERFLOW: [
    431,
    "Request Header Fields Too Large",
    "header_too_large",
    "The request's address or headers are too large. Shorten the link or clear this site's cookies.",
  ],
};
const DEFAULT_ANSWER = /** @type {const} */ ([
  400,
  "Bad Request",
  "bad_request",
  "The request could not be read.",
]);

/** @param {Error & { code?: string }} error @param {import("node:stream").Duplex} socket */
export function answerClientError(error, socket) {
  // Nothing can be written to a reset or half-written socket.
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason, code, message] = ANSWERS[error.code ?? ""] ?? DEFAULT_ANSWER;
  const body = JSON.stringify({ error: { code, message } });
  const headers = {
    ...baseSecurityHeaders({ https: servedOverHttps() }),
    "Content-Security-Policy": NON_PAGE_CONTENT_SECURITY_POLICY,
    "Content-Type": "application/json",
    "Content-Length": String(Buffer.byteLength(body)),
    "Cache-Control": "no-store",
    Connection: "close",
  };
  const head = Object.entries(headers)
    .map(([key, value]) => `${key}: ${value}\r\n`)
    .join("");
  socket.end(`HTTP/1.1 ${status} ${reason}\r\n${head}\r\n${body}`);
}

const createServer = http.createServer;
// Next.js creates its server with http.createServer; every server made in this process answers so.
http.createServer = /** @type {typeof http.createServer} */ (
  function (/** @type {any[]} */ ...args) {
    const server = createServer.apply(http, /** @type {any} */ (args));
    server.on("clientError", answerClientError);
    return server;
  }
);
// Named imports (`import { createServer } from "node:http"`) see the patched function too.
syncBuiltinESMExports();
