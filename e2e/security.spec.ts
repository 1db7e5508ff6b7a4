import type { Page } from "@playwright/test";
import fc from "fast-check";

import { expect, storageStateFor, test } from "./fixtures";
import { EmulatorControl } from "./pages/call-detail-page";
import { focusSearch } from "./pages/hydration";
import { PAGES } from "./routes";
import { hostileQuery } from "../test/fuzz/hostile";

// The headers part of the security work, in a real browser against the real launcher: pages run
// under a nonce-based policy with no violation, and the answers a browser or script can provoke
// (errors, bad encodings, an oversized URL) all carry the security headers.

/** Collects CSP violations both as the browser reports them to the page and on its console. */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on("console", (m) => {
    if (/content security policy/i.test(m.text())) seen.push(`console: ${m.text()}`);
  });
  await page.exposeFunction("__reportCspViolation", (text: string) => seen.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      const report = (window as unknown as { __reportCspViolation: (t: string) => void })
        .__reportCspViolation;
      report(
        `${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });
  return seen;
}

test.describe("content security policy", () => {
  test.use({ storageState: storageStateFor("admin"), viewport: { width: 1280, height: 900 } });

  test("every page runs its scripts under a nonce policy, without violations", async ({
    page,
    request,
  }) => {
    const call = (await new EmulatorControl(request).calls()).find((c) => c.recordVisible);
    const paths = [
      ...PAGES.map((p) => p.path),
      ...(call ? [`/calls/${encodeURIComponent(call.callId)}`] : []),
      "/records?range=7d&media=video",
    ];
    const violations = await watchViolations(page);
    for (const path of paths) {
      const res = await page.goto(path);
      const policy = (await res?.allHeaders())?.["content-security-policy"] ?? "";
      expect(policy, path).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
      expect(policy, path).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      await page.waitForLoadState("networkidle");
    }
    // Scripts ran: the shell's search box answers the "/" shortcut only once React hydrated.
    await page.goto("/records");
    await focusSearch(page);
    expect(violations).toEqual([]);
  });

  test("the sign-in page works under the policy", async ({ browser }) => {
    const context = await browser.newContext({ storageState: undefined });
    const page = await context.newPage();
    const violations = await watchViolations(page);
    await page.goto("/login");
    await expect(page.getByRole("button", { name: /sign in/i }).first()).toBeVisible();
    await page.waitForLoadState("networkidle");
    expect(violations).toEqual([]);
    await context.close();
  });
});

test.describe("headers on every answer", () => {
  const HEADERS = {
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
  };

  test("errors, bad encodings and an oversized URL carry the headers and the JSON envelope", async ({
    apiAs,
  }) => {
    const anon = await apiAs(null);
    const long = `/api/records?user=${"x".repeat(40_000)}`;
    const cases: [path: string, status: number, json: boolean][] = [
      ["/api/calls/%ZZ", 400, true],
      ["/api/users/%FF", 400, true],
      ["/calls/%ZZ", 400, false],
      ["/api/records", 401, true],
      ["/api/no-such-route", 404, true],
      ["/api/calls/x/no-such-action", 404, true],
      [long, 431, true],
    ];
    for (const [path, status, json] of cases) {
      const res = await anon.get(path);
      const label = path.slice(0, 40);
      expect(res.status(), label).toBe(status);
      expect(res.headers(), label).toMatchObject(HEADERS);
      expect(res.headers()["content-security-policy"], label).toBeTruthy();
      if (json)
        expect(await res.json(), label).toMatchObject({ error: { code: expect.any(String) } });
    }
  });

  test("next-auth's own routes answer hostile parameters without a 5xx", async ({ apiAs }) => {
    const anon = await apiAs(null);
    const queries = fc.sample(
      hostileQuery({ callbackUrl: ["/records", "https://evil.test/"], error: ["Callback"] }),
      { numRuns: 120, seed: 25 },
    );
    for (const [i, query] of queries.entries()) {
      const action = ["session", "providers", "csrf", "signin", "error"][i % 5];
      const res = await anon.get(`/api/auth/${action}?${query}`);
      expect(res.status(), `${action}?${query.slice(0, 200)}`).toBeLessThan(500);
      expect(res.headers()).toMatchObject(HEADERS);
    }
    // A callback-url cookie next-auth cannot use is dropped before it sees it.
    for (const cookie of ["not a url", "javascript%3Aalert(1)", "%ZZ"]) {
      const res = await anon.get("/api/auth/csrf", {
        headers: { cookie: `next-auth.callback-url=${cookie}` },
      });
      expect(res.status(), cookie).toBe(200);
    }
  });
});
