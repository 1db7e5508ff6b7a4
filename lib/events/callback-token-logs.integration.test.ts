import type { default as Pino, LoggerOptions } from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { GET as adminGet, PUT as adminPut } from "@/app/api/admin/callbacks/route";
import { POST } from "@/app/api/tencent/callbacks/[token]/route";
import { getEnv, resetEnvForTests } from "@/lib/env";
import { sharedEmulator } from "@/lib/trtc/testing";
import { APP_DATABASES } from "@/test/databases";
import { requestAs } from "@/test/session";

import { callbackToken } from "./callback-state";
import { v1EventBody, v1Query, v4MemberBody, v4Query } from "./testing";

// The path token is the receiver's only password: whatever happens to a delivery, and whatever
// the admin page asks, the app's own logger (lib/log.ts, real pino and its redaction) never
// writes it. Every line pino would print is kept here instead.

const lines = vi.hoisted(() => [] as string[]);
vi.mock("pino", async (importOriginal) => {
  const real = (await importOriginal<{ default: typeof Pino }>()).default;
  const capturing = (options: LoggerOptions) =>
    real(options, { write: (line: string) => void lines.push(line) });
  return { default: Object.assign(capturing, real) };
});

const emu = sharedEmulator();
const CONSOLE = "http://console.test";
const AUTH_TOKEN = "token-logs-auth-token";
const saved = { ...process.env };
let app: Awaited<ReturnType<(typeof APP_DATABASES)[number]["open"]>>;

beforeAll(async () => {
  for (const key of Object.keys(process.env))
    if (key.startsWith("TRTC_") || key.startsWith("EMULATOR_")) delete process.env[key];
  Object.assign(process.env, {
    EMULATOR_PORT: new URL(emu.url).port,
    NEXTAUTH_URL: CONSOLE,
    TENCENT_CALLBACK_AUTH_TOKEN: AUTH_TOKEN,
    LOG_LEVEL: "trace",
    LOG_FORMAT: "json",
  });
  resetEnvForTests();
  delete (globalThis as Record<symbol, unknown>)[Symbol.for("call-console.trtc.client")];
  app = await APP_DATABASES[0]!.open();
});
afterAll(async () => {
  await app.dispose();
  process.env = { ...saved };
  resetEnvForTests();
  delete (globalThis as Record<symbol, unknown>)[Symbol.for("call-console.trtc.client")];
});

function deliver(pathToken: string, query: string, body: string) {
  return POST(
    new Request(`${CONSOLE}/api/tencent/callbacks/${pathToken}?${query}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    }),
    { params: Promise.resolve({ token: pathToken }) },
  );
}

describe("the callback token in logs", () => {
  it("never appears, for accepted and rejected deliveries and the admin page", async () => {
    const token = await callbackToken(app.db);
    const app4 = getEnv().trtc.sdkAppId;
    const member = "Call.CallbackAfterMemberChanged";
    const body = v4MemberBody("token-logs-call", "bob", "Accept", Date.now());
    const signed = v4Query(app4, member, AUTH_TOKEN);

    const statuses = [
      (await deliver(token, signed, body)).status,
      (
        await deliver(
          token,
          v1Query(app4, "callee_accept_call"),
          v1EventBody("token-logs-call", "bob", "callee", "accept_call", Date.now()),
        )
      ).status,
      // Rejected: a token one character off, the token with more after it, no Sign, another
      // app, a body that is not JSON, and one too large.
      (await deliver(`${token.slice(0, -1)}x`, signed, body)).status,
      (await deliver(`${token}extra`, signed, body)).status,
      (await deliver(token, v4Query(app4, member), body)).status,
      (await deliver(token, v4Query(app4 + 1, member, AUTH_TOKEN), body)).status,
      (await deliver(token, signed, `{"CallId": "${token}"`)).status,
      (await deliver(token, signed, "x".repeat(2_000_000))).status,
    ];
    expect(statuses).toEqual([200, 200, 401, 401, 401, 401, 400, 413]);

    const sameOrigin = { origin: CONSOLE, "sec-fetch-site": "same-origin" };
    const setup = await adminGet(await requestAs("admin", "/api/admin/callbacks"));
    expect(setup.status).toBe(200);
    // The admin is shown the whole receiver URL: the token is in the answer, only not in logs.
    expect(await setup.text()).toContain(token);
    const pointed = await adminPut(
      await requestAs("admin", "/api/admin/callbacks", {
        method: "PUT",
        headers: { ...sameOrigin, "content-type": "application/json" },
        body: JSON.stringify({ generations: ["v4"] }),
      }),
    );
    expect(pointed.status).toBe(200);
    // A signed-out request and a support user are refused, and logged as such.
    expect((await adminGet(await requestAs(null, "/api/admin/callbacks"))).status).toBe(401);
    expect((await adminGet(await requestAs("support", "/api/admin/callbacks"))).status).toBe(403);

    // Rejections are logged, so the capture works and the test could fail.
    expect(lines.filter((l) => l.includes('"callback_rejected"')).length).toBeGreaterThanOrEqual(5);
    expect(lines.some((l) => l.includes('"audited action"'))).toBe(true);
    expect(lines.filter((l) => l.includes(token))).toEqual([]);
  });
});
