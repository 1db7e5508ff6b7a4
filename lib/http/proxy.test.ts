import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";

import { type NextFetchEvent, NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";

import proxy from "@/proxy";

// proxy.ts in-process: the answers it makes itself, the policy and HSTS it adds to every other.

process.env.NEXTAUTH_SECRET ??= "proxy-tests-secret-not-for-production-use";
const saved = process.env.NEXTAUTH_URL;
afterEach(() => {
  process.env.NEXTAUTH_URL = saved;
});

async function through(path: string, cookie?: string): Promise<Response> {
  const req = new NextRequest(`http://console.test${path}`, {
    headers: cookie ? { cookie } : {},
  });
  // The sign-in redirect does not use the event.
  return proxy(req, {} as NextFetchEvent);
}

const scriptSrc = (res: Response) =>
  /script-src ([^;]*)/.exec(res.headers.get("content-security-policy") ?? "")?.[1] ?? "";

describe("proxy", () => {
  it.each(["/api/calls/%ZZ", "/api/users/%FF", "/api/records/%E0%80"])(
    "answers %s with 400 in the JSON envelope, signed in or not",
    async (path) => {
      const res = await through(path);
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      expect(await res.json()).toMatchObject({ error: { code: "bad_request" } });
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    },
  );

  it.each([
    ["%2Frecords%00x", "must be printable ASCII"],
    ["%E0%80%80", "must be printable ASCII"],
    ["%2Fusers%2FJos%C3%A9", "must be printable ASCII"],
    ["%25%25", "holds a % that is not valid percent-encoding"],
    ["x".repeat(2049), "must be at most 2048 characters"],
    ["6.1e-42", "must be a path such as /records or an http(s) URL"],
    ["javascript:alert(1)", "must be a path such as /records or an http(s) URL"],
    ["%2Frecords&callbackUrl=%2Flive", "give this parameter once"],
  ])("refuses callbackUrl=%s before next-auth puts it in a cookie", async (value, message) => {
    const res = await through(`/api/auth/csrf?callbackUrl=${value}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: { code: "bad_request", message: expect.stringContaining(`callbackUrl: ${message}`) },
    });
  });

  it("lets ordinary next-auth parameters through", async () => {
    expect((await through("/api/auth/session?callbackUrl=%2Frecords")).status).toBe(200);
  });

  it("answers a page address that cannot be decoded with the 400 error page", async () => {
    const res = await through("/calls/%ZZ");
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await res.text()).toContain("This address cannot be read");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("gives each page request its own nonce and never 'unsafe-inline' for scripts", async () => {
    const [a, b] = [await through("/login"), await through("/login")];
    expect(scriptSrc(a)).toMatch(/^'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/);
    expect(scriptSrc(a)).not.toBe(scriptSrc(b));
    expect(scriptSrc(a)).not.toContain("unsafe-inline");
  });

  it("keeps the sign-in redirect, with the policy on it", async () => {
    const res = await through("/records?user=alice");
    expect(res.status).toBe(307);
    expect(res.headers.get("location")).toContain("/login?callbackUrl=%2Frecords%3Fuser%3Dalice");
    expect(scriptSrc(res)).toContain("'nonce-");
  });

  it("adds HSTS only when NEXTAUTH_URL is https", async () => {
    process.env.NEXTAUTH_URL = "http://console.test";
    expect((await through("/api/health")).headers.get("strict-transport-security")).toBeNull();
    process.env.NEXTAUTH_URL = "https://console.example.com";
    for (const path of ["/api/health", "/login", "/api/calls/%ZZ", "/records"]) {
      expect((await through(path)).headers.get("strict-transport-security"), path).toBe(
        "max-age=63072000; includeSubDomains",
      );
    }
  });
});

describe("the launcher's answer to requests Node refuses", () => {
  it("is JSON with the security headers, for a URL over Node's header limit", async () => {
    // Patches http.createServer for this test process, as the preload does in the console's.
    await import("@/scripts/client-error-answers.mjs");
    const { createServer } = await import("node:http");
    const server = createServer((_, res) => res.end("reached"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const answer = await new Promise<{ status?: number; headers: object; body: string }>(
        (resolve, reject) => {
          const req = httpRequest(
            { port, host: "127.0.0.1", path: `/api/records?user=${"x".repeat(40_000)}` },
            (res) => {
              let body = "";
              res.on("data", (c: Buffer) => (body += c.toString()));
              res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body }));
            },
          );
          req.on("error", reject);
          req.end();
        },
      );
      expect(answer.status).toBe(431);
      expect(answer.headers).toMatchObject({
        "content-type": "application/json",
        "x-frame-options": "DENY",
        "x-content-type-options": "nosniff",
      });
      expect(JSON.parse(answer.body)).toMatchObject({ error: { code: "header_too_large" } });
    } finally {
      server.close();
    }
  });
});
