import { allows, expect, ROLES, storageStateFor, test } from "./fixtures";
import { waitForIndex } from "./records-helpers";
import { API_ROUTES, PAGES } from "./routes";
import { E2E } from "./settings";

test.describe("signed out", () => {
  for (const route of PAGES) {
    test(`page ${route.path} redirects to sign-in and keeps the address`, async ({
      page,
      apiAs,
    }) => {
      const target = `${route.path}?from=2024-05-01&tz=Asia%2FShanghai`;
      const api = await apiAs(null);
      const res = await api.get(target);
      expect(res.status()).toBe(307);
      expect(new URL(res.headers()["location"]!, E2E.baseUrl).href).toBe(
        `${E2E.baseUrl}/login?callbackUrl=${encodeURIComponent(target)}`,
      );

      await page.goto(target);
      await expect(page).toHaveURL(`/login?callbackUrl=${encodeURIComponent(target)}`);
      await expect(page.getByRole("heading", { name: "Sign in to Call Console" })).toBeVisible();
    });
  }

  for (const route of API_ROUTES.filter((r) => r.minRole !== null)) {
    test(`${route.method} ${route.path} answers 401 in the error envelope`, async ({ apiAs }) => {
      const api = await apiAs(null);
      const res = await api.fetch(route.path, { method: route.method, data: route.body });
      expect(res.status()).toBe(401);
      expect(await res.json()).toEqual({
        error: { code: "unauthorized", message: "Sign in to use this API." },
      });
    });
  }

  test("GET /api/health is public and reveals nothing sensitive", async ({ apiAs }) => {
    const api = await apiAs(null);
    const res = await api.get("/api/health");
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(["reasons", "status", "sync", "upstream"]);
    expect(body.status).toBe("ok");
    expect(body.reasons).toEqual([]);
    expect(body.upstream.mode).toBe("embedded");
    expect(body.upstream.reachable).toBe(true);
    // PGlite: one instance, which keeps Tencent's limits whole.
    expect(body.upstream.rateShare).toEqual({ leased: false, instances: 1, fraction: 1 });
    // The record index reports its state without error texts (null only if it cannot be read).
    if (body.sync !== null)
      expect(Object.keys(body.sync).sort()).toEqual([
        "incomplete",
        "lagSeconds",
        "lastSuccessAt",
        "records",
        "state",
      ]);
    const text = JSON.stringify(body);
    // The key itself, the demo password and hosts never appear ("secret-key" as the UserSig source is fine).
    for (const secret of [
      "emulator-secret-key-for-local-use",
      E2E.demoPassword,
      "127.0.0.1",
      "localhost",
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});

for (const role of ROLES) {
  test.describe(`as ${role}`, () => {
    test.use({ storageState: storageStateFor(role) });

    for (const route of PAGES) {
      const allowed = allows(role, route.minRole);
      test(`page ${route.path} is ${allowed ? "shown" : "refused with 403"}`, async ({ page }) => {
        const res = await page.goto(route.path);
        if (allowed) {
          expect(route.okStatuses ?? [200]).toContain(res?.status());
          if (route.heading)
            await expect(
              page.getByRole("heading", { level: 1, name: route.heading, exact: true }),
            ).toBeVisible();
          else await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
        } else {
          expect(res?.status()).toBe(403);
          await expect(
            page.getByRole("heading", { name: "You do not have access to this page" }),
          ).toBeVisible();
          if (route.heading)
            await expect(
              page.getByRole("heading", { name: route.heading, exact: true }),
            ).toHaveCount(0);
        }
      });
    }

    for (const route of API_ROUTES) {
      const allowed = route.minRole === null || allows(role, route.minRole);
      test(`${route.method} ${route.path} is ${allowed ? "allowed" : "refused with 403"}`, async ({
        apiAs,
      }) => {
        const api = await apiAs(role);
        const res = await api.fetch(route.path, { method: route.method, data: route.body });
        if (allowed) {
          expect(route.okStatuses ?? [200]).toContain(res.status());
        } else {
          expect(res.status()).toBe(403);
          const body = await res.json();
          expect(body.error.code).toBe("forbidden");
          expect(body.error.message).toContain(`you are ${role}`);
        }
      });
    }
  });
}

test("JSON answers are not cached, and a page of records comes gzipped", async ({ apiAs }) => {
  const api = await apiAs("support");
  const gzip = { "accept-encoding": "gzip" };
  const me = await api.get("/api/me", { headers: gzip });
  expect(me.status()).toBe(200);
  expect(me.headers()["cache-control"]).toBe("no-store");
  expect((await me.json()).user.email).toBe("support@example.com");

  await waitForIndex(api); // a full page of records needs the first backfill done
  const records = await api.get("/api/records?pageSize=200", { headers: gzip });
  expect(records.status()).toBe(200);
  expect(records.headers()["content-encoding"]).toBe("gzip");
  expect((await records.json()).items.length).toBeGreaterThan(0);
});

test.describe("as admin", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("the users page lists the real accounts and roles from the database", async ({
    page,
    apiAs,
  }) => {
    await page.goto("/admin/staff");
    const table = page.getByRole("table", { name: "Staff accounts" });
    for (const [email, role] of [
      ["support@example.com", "Support"],
      ["manager@example.com", "Manager"],
      ["admin@example.com", "Admin"],
    ] as const) {
      await expect(table.getByRole("row").filter({ hasText: email })).toContainText(role);
    }
    // SSO tests running in parallel may add accounts, so only the shape of the count is fixed.
    await expect(page.getByRole("heading", { name: /^\d+ accounts$/ })).toBeVisible();
    const api = await apiAs("admin");
    const { users } = await (await api.get("/api/admin/users")).json();
    expect(users.map((u: { email: string }) => u.email)).toEqual(
      expect.arrayContaining(["support@example.com", "manager@example.com", "admin@example.com"]),
    );
    expect(JSON.stringify(users)).not.toContain("scrypt$");
  });

  test("state-changing routes refuse cross-site requests", async ({ apiAs }) => {
    const api = await apiAs("admin");
    const crossSite: Record<string, string>[] = [
      { Origin: "https://evil.example" },
      { "Sec-Fetch-Site": "cross-site" },
    ];
    for (const headers of crossSite) {
      const res = await api.post("/api/sync", { headers });
      expect(res.status()).toBe(403);
      expect((await res.json()).error).toEqual({
        code: "forbidden",
        message: "Cross-site requests are not allowed.",
      });
    }
  });

  test("pages carry the security headers", async ({ page }) => {
    const res = await page.goto("/");
    const headers = res!.headers();
    const csp = headers["content-security-policy"]!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("same-origin");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["x-powered-by"]).toBeUndefined();
  });
});
