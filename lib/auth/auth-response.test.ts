import { decode, encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";

import { adjustAuthResponse } from "@/lib/auth/auth-response";
import { BUSY_ERROR_PREFIX, THROTTLED_ERROR_PREFIX } from "@/lib/auth/sign-in-errors";

const secret = "a-secret-of-at-least-thirty-two-characters";
const json = (body: unknown, status = 401) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

describe("adjustAuthResponse", () => {
  it("turns a throttled or busy sign-in into a 429 with Retry-After, keeping the body", async () => {
    for (const [error, seconds] of [
      [`${THROTTLED_ERROR_PREFIX}900`, "900"],
      [`${BUSY_ERROR_PREFIX}1`, "1"],
    ] as const) {
      const url = `http://x/api/auth/error?error=${encodeURIComponent(error)}`;
      const res = await adjustAuthResponse(json({ url }), secret);
      expect(res.status).toBe(429);
      expect(res.headers.get("retry-after")).toBe(seconds);
      expect(await res.json()).toEqual({ url });
    }
    const wrong = await adjustAuthResponse(
      json({ url: "http://x/api/auth/error?error=CredentialsSignin" }),
      secret,
    );
    expect(wrong.status).toBe(401);
  });

  it("lets a renewed session cookie expire with its token, not the idle timeout", async () => {
    const token = await encode({ token: { sid: "s" }, secret, maxAge: 60 });
    const far = new Date(Date.now() + 8 * 3600_000).toUTCString();
    const res = new Response("{}", {
      headers: {
        "set-cookie": `next-auth.session-token=${token}; Path=/; Expires=${far}; HttpOnly; SameSite=Lax`,
      },
    });
    const adjusted = await adjustAuthResponse(res, secret);
    const [cookie] = adjusted.headers.getSetCookie();
    const exp = (await decode({ token, secret }))!.exp as number;
    expect(cookie).toContain(`Expires=${new Date(exp * 1000).toUTCString()}`);
    expect(cookie).toContain("HttpOnly");
  });
});
