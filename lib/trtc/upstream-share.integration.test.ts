import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { GET as getCall } from "@/app/api/calls/[callId]/route";
import { resetEnvForTests } from "@/lib/env";
import { APP_DATABASES } from "@/test/databases";
import { requestAs } from "@/test/session";

import { sharedEmulator } from "./testing";

// Two staff sessions share Tencent's per-app budget: one script hammering lookups is refused its
// excess with 429 and Retry-After, and the other session's lookups still get through.

const emu = sharedEmulator();
const saved = { ...process.env };
const CLIENT = Symbol.for("call-console.trtc.client");
const SHARES = Symbol.for("call-console.trtc.upstream-share");
let app: Awaited<ReturnType<(typeof APP_DATABASES)[number]["open"]>>;
beforeAll(async () => {
  process.env.EMULATOR_PORT = new URL(emu.url).port;
  process.env.LOG_LEVEL = "silent";
  resetEnvForTests();
  delete (globalThis as Record<symbol, unknown>)[CLIENT];
  delete (globalThis as Record<symbol, unknown>)[SHARES];
  app = await APP_DATABASES[0]!.open();
});
afterAll(async () => {
  await app.dispose();
  process.env = { ...saved };
  resetEnvForTests();
  delete (globalThis as Record<symbol, unknown>)[CLIENT];
  delete (globalThis as Record<symbol, unknown>)[SHARES];
});

const request = async (role: "support" | "admin", i: number) => {
  const callId = `fair-${role}-${i}`;
  const req = await requestAs(role, `/api/calls/${callId}`);
  return () => getCall(req, { params: Promise.resolve({ callId }) });
};
const lookup = async (role: "support" | "admin", i: number) => (await request(role, i))();

describe("fair share of Tencent's budget", () => {
  it("refuses one session's burst beyond its share, not the other session's lookups", async () => {
    expect((await lookup("admin", 0)).status).toBe(404);
    const sends = [];
    for (let i = 0; i < 60; i++) sends.push(await request("support", i));
    const burst = await Promise.all(sends.map((send) => send()));
    const refused = burst.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThan(30);
    const first = refused[0]!;
    expect(Number(first.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    const body = (await first.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("rate_limited");
    expect(body.error.message).toMatch(/paces requests to Tencent at its published limit/);
    expect(body.error.message).not.toMatch(/Tencent answered with an error/);
    expect((await lookup("admin", 1)).status).toBe(404);
  });
});
