import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { POST } from "@/app/api/tencent/callbacks/[token]/route";
import { getEnv, resetEnvForTests } from "@/lib/env";
import { APP_DATABASES } from "@/test/databases";

import { callbackToken } from "./callback-state";
import { eventsForCall } from "./store";
import { v1EventBody, v1Query, v4MemberBody, v4Query } from "./testing";

// The Next.js route module on the app's own database and configuration: SDKAppID from the
// environment, and TENCENT_CALLBACK_AUTH_TOKEN turning the v4 Sign check on.

let app: Awaited<ReturnType<(typeof APP_DATABASES)[number]["open"]>>;
const appDb = () => app.db;
beforeAll(async () => {
  process.env.TENCENT_CALLBACK_AUTH_TOKEN = "route-test-auth-token";
  app = await APP_DATABASES[0]!.open();
});
afterAll(async () => {
  delete process.env.TENCENT_CALLBACK_AUTH_TOKEN;
  resetEnvForTests();
  await app.dispose();
});

const call = (token: string, query: string, body: string) =>
  POST(
    new Request(`http://console.test/api/tencent/callbacks/${token}?${query}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    }),
    { params: Promise.resolve({ token }) },
  );

describe("POST /api/tencent/callbacks/:token", () => {
  it("stores a signed v4 delivery for the configured app and refuses an unsigned one", async () => {
    const env = getEnv();
    const sdkAppId = env.trtc.sdkAppId;
    const token = await callbackToken(appDb());
    const body = v4MemberBody("route-call", "bob", "Accept", Date.now());
    const unsigned = await call(token, v4Query(sdkAppId, "Call.CallbackAfterMemberChanged"), body);
    expect(unsigned.status).toBe(401);
    const signed = await call(
      token,
      v4Query(sdkAppId, "Call.CallbackAfterMemberChanged", env.TENCENT_CALLBACK_AUTH_TOKEN),
      body,
    );
    expect(signed.status).toBe(200);
    expect(await signed.json()).toEqual({ ActionStatus: "OK", ErrorInfo: "", ErrorCode: 0 });
    const v1 = await call(
      token,
      v1Query(sdkAppId, "callee_accept_call"),
      v1EventBody("route-call", "bob", "callee", "accept_call", Date.now()),
    );
    expect(await v1.json()).toEqual({ ErrorCode: 0, ErrorMessage: "Success" });
    expect((await eventsForCall(appDb(), "route-call")).map((e) => e.action)).toEqual([
      "accepted",
      "accepted",
    ]);
  });
});
