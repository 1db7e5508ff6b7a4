// Preloaded into the console's server process by scripts/start.ts (node --import). Route handlers
// never see the socket, so each request is stamped with the connected peer's address here, after
// any copy the client sent is dropped. lib/auth/client-address.ts reads it.
import http from "node:http";
import { syncBuiltinESMExports } from "node:module";

const HEADER = "x-call-console-peer";
const createServer = http.createServer;

http.createServer = function createStampingServer(...args) {
  const server = createServer.apply(this, args);
  server.prependListener("request", (req) => {
    delete req.headers[HEADER];
    const address = req.socket.remoteAddress;
    if (address) req.headers[HEADER] = address;
  });
  return server;
};
// Named imports (`import { createServer } from "node:http"`) see the patched function too.
syncBuiltinESMExports();
