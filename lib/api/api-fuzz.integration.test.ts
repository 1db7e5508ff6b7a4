import { readdirSync } from "node:fs";
import path from "node:path";

import fc from "fast-check";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import * as unknown from "@/app/api/[...unknown]/route";
import * as adminCallbacks from "@/app/api/admin/callbacks/route";
import * as lockouts from "@/app/api/admin/lockouts/route";
import * as staffPassword from "@/app/api/admin/users/[userId]/password/route";
import * as staffAccount from "@/app/api/admin/users/[userId]/route";
import * as adminUsers from "@/app/api/admin/users/route";
import * as callEnd from "@/app/api/calls/[callId]/end/route";
import * as callQuality from "@/app/api/calls/[callId]/quality/route";
import * as call from "@/app/api/calls/[callId]/route";
import * as health from "@/app/api/health/route";
import * as insights from "@/app/api/insights/route";
import * as live from "@/app/api/live/route";
import * as me from "@/app/api/me/route";
import * as presence from "@/app/api/presence/route";
import * as recordsExport from "@/app/api/records/export/route";
import * as records from "@/app/api/records/route";
import * as searchUsers from "@/app/api/search/users/route";
import * as sync from "@/app/api/sync/route";
import * as callbacks from "@/app/api/tencent/callbacks/[token]/route";
import * as user from "@/app/api/users/[userId]/route";
import { ERROR_STATUS } from "@/lib/api/errors";
import type { Role } from "@/lib/auth/roles";
import { resetEnvForTests } from "@/lib/env";
import { syntheticRecords } from "@/lib/records/testing";
import { upsertRecords } from "@/lib/sync/store";
import { sharedEmulator } from "@/lib/trtc/testing";
import { APP_DATABASES } from "@/test/databases";
import { hostileQuery, hostileSegment } from "@/test/fuzz/hostile";
import { sessionCookie } from "@/test/session";

// Every query parameter (and path segment) of every API route, driven with hostile values through
// the real route handlers in-process, signed in with the role each route needs. No answer may be
// a 5xx, and every 4xx of ours is the JSON error envelope with the status its code stands for.

const CONSOLE = "http://console.test";
const RECORD_FILTERS = {
  from: ["2026-11-01T00:00:00Z", "2026-11-20T00:00:00+14:00"],
  to: ["2026-12-01T00:00:00Z", "9999-12-31T23:59:59Z"],
  result: ["NormalEnd", "Cancel,Reject", "Offline"],
  type: ["single", "group"],
  media: ["audio", "video"],
  user: ["user_1", "user_2"],
  with: ["user_3"],
  room: ["room-1"],
  ringMin: ["0", "5"],
  ringMax: ["30"],
  talkMin: ["0"],
  talkMax: ["10000000"],
  sort: ["startedAt", "-ringSeconds", "talkSeconds"],
  page: ["1", "2"],
  pageSize: ["1", "200"],
  cursor: [],
};
const ZONES = ["UTC", "Europe/Berlin", "local", "Asia/Kolkata"];

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, unknown>> }) => unknown;
type Answer = "ours" | "tencent";
type Fuzz = {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  handler: unknown;
  role: Role | null;
  query: Record<string, readonly string[]>;
  /** Path parameters and the values worth mixing in. */
  params?: Record<string, readonly string[]>;
  /** Fixed path parameters (catch-all segments). */
  fixed?: Record<string, unknown>;
  path: (params: Record<string, string>) => string;
  runs: number;
  /** Whose error format a 4xx takes: ours, or that of Tencent's callback protocol. */
  answers?: Answer;
};

// Keyed by the route file under app/api, so a new route without an entry fails the first test.
const ROUTES: Record<string, Fuzz[] | string> = {
  "records/route.ts": [
    {
      method: "GET",
      handler: records.GET,
      role: "support",
      query: RECORD_FILTERS,
      path: () => "/api/records",
      runs: 1300,
    },
  ],
  "records/export/route.ts": [
    {
      method: "GET",
      handler: recordsExport.GET,
      role: "manager",
      query: { ...RECORD_FILTERS, tz: ZONES },
      path: () => "/api/records/export",
      runs: 600,
    },
  ],
  "insights/route.ts": [
    {
      method: "GET",
      handler: insights.GET,
      role: "manager",
      query: { ...RECORD_FILTERS, tz: ZONES, bucket: ["hour", "day"] },
      path: () => "/api/insights",
      runs: 1000,
    },
  ],
  "users/[userId]/route.ts": [
    {
      method: "GET",
      handler: user.GET,
      role: "support",
      query: {},
      params: { userId: ["user_1", "nobody"] },
      path: (p) => `/api/users/${p.userId}`,
      runs: 400,
    },
  ],
  "search/users/route.ts": [
    {
      method: "GET",
      handler: searchUsers.GET,
      role: "support",
      query: { q: ["user", "u", "user_1"] },
      path: () => "/api/search/users",
      runs: 500,
    },
  ],
  "calls/[callId]/route.ts": [
    {
      method: "GET",
      handler: call.GET,
      role: "support",
      query: {},
      params: { callId: ["no-such-call", "4f6c9b0e-1c2d-4e5f-8a9b-0c1d2e3f4a5b"] },
      path: (p) => `/api/calls/${p.callId}`,
      runs: 200,
    },
  ],
  "calls/[callId]/quality/route.ts": [
    {
      method: "GET",
      handler: callQuality.GET,
      role: "support",
      query: {},
      params: { callId: ["no-such-call", "4f6c9b0e-1c2d-4e5f-8a9b-0c1d2e3f4a5b"] },
      path: (p) => `/api/calls/${p.callId}/quality`,
      runs: 100,
    },
  ],
  "calls/[callId]/end/route.ts": [
    {
      method: "POST",
      handler: callEnd.POST,
      role: "admin",
      query: {},
      params: { callId: ["no-such-call"] },
      path: (p) => `/api/calls/${p.callId}/end`,
      runs: 100,
    },
  ],
  "presence/route.ts": [
    {
      method: "GET",
      handler: presence.GET,
      role: "support",
      query: { users: ["user_1", "user_1,user_2"] },
      path: () => "/api/presence",
      runs: 200,
    },
  ],
  "admin/callbacks/route.ts": [
    {
      method: "GET",
      handler: adminCallbacks.GET,
      role: "admin",
      query: {},
      path: () => "/api/admin/callbacks",
      runs: 40,
    },
    {
      method: "DELETE",
      handler: adminCallbacks.DELETE,
      role: "admin",
      query: { generations: ["v4", "v1", "v4,v1"] },
      path: () => "/api/admin/callbacks",
      runs: 150,
    },
    {
      method: "PUT",
      handler: adminCallbacks.PUT,
      role: "admin",
      query: {},
      path: () => "/api/admin/callbacks",
      runs: 40,
    },
  ],
  "admin/users/route.ts": [
    {
      method: "GET",
      handler: adminUsers.GET,
      role: "admin",
      query: {},
      path: () => "/api/admin/users",
      runs: 60,
    },
  ],
  // Only IDs of no account: the fuzz must not remove or change the accounts it signs in with.
  "admin/users/[userId]/route.ts": [
    {
      method: "PATCH",
      handler: staffAccount.PATCH,
      role: "admin",
      query: {},
      params: { userId: ["nobody", "00000000-0000-4000-8000-000000000000"] },
      path: (p) => `/api/admin/users/${p.userId}`,
      runs: 60,
    },
    {
      method: "DELETE",
      handler: staffAccount.DELETE,
      role: "admin",
      query: {},
      params: { userId: ["nobody", "00000000-0000-4000-8000-000000000000"] },
      path: (p) => `/api/admin/users/${p.userId}`,
      runs: 60,
    },
  ],
  "admin/users/[userId]/password/route.ts": [
    {
      method: "POST",
      handler: staffPassword.POST,
      role: "admin",
      query: {},
      params: { userId: ["nobody", "00000000-0000-4000-8000-000000000000"] },
      path: (p) => `/api/admin/users/${p.userId}/password`,
      runs: 60,
    },
  ],
  "admin/lockouts/route.ts": [
    {
      method: "GET",
      handler: lockouts.GET,
      role: "admin",
      query: {},
      path: () => "/api/admin/lockouts",
      runs: 40,
    },
    {
      method: "DELETE",
      handler: lockouts.DELETE,
      role: "admin",
      query: { bucket: ["pair:a@example.com|127.0.0.1", "address:127.0.0.1"] },
      path: () => "/api/admin/lockouts",
      runs: 150,
    },
  ],
  "sync/route.ts": [
    {
      method: "GET",
      handler: sync.GET,
      role: "support",
      query: {},
      path: () => "/api/sync",
      runs: 60,
    },
    {
      method: "POST",
      handler: sync.POST,
      role: "admin",
      query: {},
      path: () => "/api/sync",
      runs: 40,
    },
  ],
  "me/route.ts": [
    {
      method: "GET",
      handler: me.GET,
      role: "support",
      query: {},
      path: () => "/api/me",
      runs: 100,
    },
  ],
  "live/route.ts": [
    {
      method: "GET",
      handler: live.GET,
      role: "support",
      query: {},
      path: () => "/api/live",
      runs: 100,
    },
  ],
  "health/route.ts": [
    {
      method: "GET",
      handler: health.GET,
      role: null,
      query: {},
      path: () => "/api/health",
      runs: 60,
    },
  ],
  // next-auth's handler reads cookies() from Next's request scope, which only a running server has.
  "auth/[...nextauth]/route.ts": "over HTTP in e2e/security.spec.ts",
  "[...unknown]/route.ts": [
    {
      method: "GET",
      handler: unknown.GET,
      role: null,
      query: {},
      params: { unknown: ["nothing", "calls"] },
      path: (p) => `/api/${p.unknown}/x`,
      runs: 60,
    },
  ],
  "tencent/callbacks/[token]/route.ts": [
    {
      method: "POST",
      handler: callbacks.POST,
      role: null,
      query: {
        SdkAppid: ["1400000001"],
        sdkappid: ["1400000001"],
        CallbackCommand: ["Call.CallbackAfterEndCall"],
        command: ["Call.CallbackAfterEndCall"],
        RequestTime: ["1796600000"],
        Sign: ["abc"],
      },
      params: { token: ["wrong-token"] },
      path: (p) => `/api/tencent/callbacks/${p.token}`,
      runs: 300,
      answers: "tencent",
    },
  ],
};

function routeFiles(dir: string, prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? routeFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`)
      : entry.name === "route.ts"
        ? [`${prefix}${entry.name}`]
        : [],
  );
}

const emu = sharedEmulator({ reset: false });
const saved = { ...process.env };
const cookies = new Map<Role, string>();
let app: Awaited<ReturnType<(typeof APP_DATABASES)[number]["open"]>>;

beforeAll(async () => {
  for (const key of Object.keys(process.env))
    if (key.startsWith("TRTC_") || key.startsWith("EMULATOR_")) delete process.env[key];
  Object.assign(process.env, {
    EMULATOR_PORT: new URL(emu.url).port,
    NEXTAUTH_URL: CONSOLE,
    LOG_LEVEL: "silent",
  });
  resetEnvForTests();
  delete (globalThis as Record<symbol, unknown>)[Symbol.for("call-console.trtc.client")];
  app = await APP_DATABASES[0]!.open();
  await upsertRecords(app.db, syntheticRecords(300, { seed: 9 }));
  for (const role of ["support", "manager", "admin"] as const)
    cookies.set(role, await sessionCookie(role));
});
afterAll(async () => {
  await app?.dispose();
  process.env = { ...saved };
  resetEnvForTests();
  delete (globalThis as Record<symbol, unknown>)[Symbol.for("call-console.trtc.client")];
});

/** The decoded path parameter Next would hand over, or the raw text when it cannot be decoded. */
function decoded(wire: string): string {
  try {
    return decodeURIComponent(wire);
  } catch {
    return wire;
  }
}

let casesRun = 0;

async function check(fuzz: Fuzz, query: string, params: Record<string, string>): Promise<void> {
  casesRun += 1;
  const url = `${CONSOLE}${fuzz.path(params)}?${query}`;
  const headers = new Headers({ origin: CONSOLE, "sec-fetch-site": "same-origin" });
  if (fuzz.role) headers.set("cookie", cookies.get(fuzz.role)!);
  const withBody = fuzz.method === "PUT" || fuzz.method === "DELETE";
  if (withBody) headers.set("content-type", "application/json");
  const req = new NextRequest(url, {
    method: fuzz.method,
    headers,
    body: withBody ? JSON.stringify({ generations: query.slice(0, 40).split("&") }) : undefined,
  });
  const routeParams = {
    ...fuzz.fixed,
    ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, decoded(v)])),
  };
  const res = (await (fuzz.handler as Handler)(req, {
    params: Promise.resolve(routeParams),
  })) as Response;
  const text = await res.text();
  const where = `${fuzz.method} ${url.slice(0, 300)} → ${res.status} ${text.slice(0, 300)}`;
  expect(res.status, where).toBeLessThan(500);
  expect(text, where).not.toContain("EXPORT INCOMPLETE");
  if (res.status < 400) return;
  if (fuzz.answers === "tencent") return;
  expect(res.headers.get("content-type"), where).toMatch(/^application\/json/);
  const body = JSON.parse(text) as { error: { code: keyof typeof ERROR_STATUS; message: string } };
  expect(typeof body.error.message, where).toBe("string");
  expect(ERROR_STATUS[body.error.code], where).toBe(res.status);
}

describe("API fuzz", () => {
  it("has an entry for every route under app/api", () => {
    const files = routeFiles(path.resolve(import.meta.dirname, "../../app/api")).sort();
    expect(Object.keys(ROUTES).sort()).toEqual(files);
  });

  const entries = Object.entries(ROUTES).flatMap(([file, list]) =>
    (typeof list === "string" ? [] : list).map((fuzz) => [`${fuzz.method} ${file}`, fuzz] as const),
  );
  it.each(entries)(
    "%s answers no 5xx and the envelope on every 4xx",
    async (_, fuzz) => {
      const paramNames = Object.entries(fuzz.params ?? {});
      const params = fc.tuple(...paramNames.map(([, valid]) => hostileSegment(valid)));
      await fc.assert(
        fc.asyncProperty(hostileQuery(fuzz.query), params, async (query, values) => {
          const named = Object.fromEntries(paramNames.map(([name], i) => [name, values[i]!.wire]));
          await check(fuzz, query, named);
        }),
        { numRuns: fuzz.runs, endOnFailure: true },
      );
    },
    120_000,
  );

  // Declared last, so it runs after every property above.
  it("ran at least 5,000 cases", () => {
    expect(casesRun).toBeGreaterThanOrEqual(5000);
  });
});
