import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";

import { callbackSign } from "./callback-auth";
import { receiveCallback, type ReceiverConfig } from "./receiver";

// For tests, the crash child and the benchmark: the receiver behind a plain Node HTTP server (the
// same handler the Next.js route calls), and deliveries shaped as Tencent sends them.

export type ReceiverServer = { url: string; server: Server; close: () => Promise<void> };

const PATH = /^\/api\/tencent\/callbacks\/([^/?]+)/;

export async function serveReceiver(config: ReceiverConfig, port = 0): Promise<ReceiverServer> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const match = PATH.exec(url.pathname);
    if (req.method !== "POST" || !match) {
      res.writeHead(404).end();
      return;
    }
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const request = new Request(url, {
      method: "POST",
      headers,
      body: Readable.toWeb(req) as ReadableStream<Uint8Array>,
      duplex: "half",
    } as RequestInit);
    receiveCallback(request, decodeURIComponent(match[1]!), config)
      .then(async (response) => {
        const body = Buffer.from(await response.arrayBuffer());
        const headers = Object.fromEntries(response.headers);
        // A body left unread (413) makes the connection unusable for the next request.
        if (!req.complete) headers.connection = "close";
        res.writeHead(response.status, headers).end(body);
      })
      .catch(() => res.writeHead(500).end());
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((ok) => server.listen(port, "127.0.0.1", ok));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    server,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

export type Delivery = { query: string; body: string };

/** The query Tencent appends for a v4 command, signed when `authToken` is given. */
export function v4Query(
  sdkAppId: number,
  command: string,
  authToken?: string,
  nowMs = Date.now(),
): string {
  const q = new URLSearchParams({
    SdkAppid: String(sdkAppId),
    CallbackCommand: command,
    contenttype: "json",
    ClientIP: "127.0.0.1",
    OptPlatform: "RESTAPI",
  });
  if (authToken) {
    const requestTime = String(Math.floor(nowMs / 1000));
    q.set("RequestTime", requestTime);
    q.set("Sign", callbackSign(authToken, requestTime));
  }
  return q.toString();
}

export function v1Query(sdkAppId: number, command: string): string {
  return new URLSearchParams({
    sdkappid: String(sdkAppId),
    command,
    contenttype: "json",
    clientip: "127.0.0.1",
    optplatform: "Web",
  }).toString();
}

export function v4MemberBody(callId: string, userId: string, action: string, atMs: number) {
  return JSON.stringify({
    CallbackCommand: "Call.CallbackAfterMemberChanged",
    CallId: callId,
    UserList: [{ User_Account: userId, Status: "Calling" }],
    ChangedUserList: [{ User_Account: userId, ActionType: action }],
    EventTime: atMs,
  });
}

export function v4StartBody(callId: string, caller: string, callees: string[], atMs: number) {
  return JSON.stringify({
    CallbackCommand: "Call.CallbackAfterStartCall",
    CallInfo: { CallId: callId, MediaType: "Audio", ChatGroupId: "", RoomId: "", RoomIdType: 0 },
    UserList: [
      { User_Account: caller, Status: "Calling" },
      ...callees.map((u) => ({ User_Account: u, Status: "Waiting" })),
    ],
    EventTime: atMs,
  });
}

export function v1EventBody(
  callId: string,
  userId: string,
  role: string,
  event: string,
  atMs: number,
) {
  return JSON.stringify({
    UserId: userId,
    RoomId: "r",
    TotalNum: 2,
    MediaType: "audio",
    CallType: "single",
    CallId: callId,
    Role: role,
    Event: event,
    CallResult: "",
    EventTime: Math.floor(atMs / 1000),
    StartCallTs: 0,
    AcceptTs: 0,
    EndTs: 0,
  });
}
