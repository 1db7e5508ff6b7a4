import { demoEmail, expect, storageStateFor, test } from "./fixtures";
import { clickUntil } from "./pages/hydration";
import { E2E } from "./settings";

test.describe("credentials sign-in", () => {
  test("a deep link with a query string survives sign-in", async ({ page, loginPage }) => {
    const deepLink =
      "/records?from=2024-05-01T00%3A00%3A00Z&result=Cancel&result=Reject&user=u_42#row-3";
    await page.goto(deepLink);
    await expect(loginPage.submit).toBeVisible();
    await loginPage.signIn(demoEmail("support"), E2E.demoPassword);
    await expect(page.getByRole("heading", { name: "Call records" })).toBeVisible();
    const url = new URL(page.url());
    expect(`${url.origin}${url.pathname}${url.search}`).toBe(
      `${E2E.baseUrl}${deepLink.split("#")[0]}`,
    );
  });

  for (const offSite of ["https://evil.example/steal", "//evil.example/steal", "/\\evil.example"]) {
    test(`refuses the off-site return address ${offSite}`, async ({ page, loginPage }) => {
      await loginPage.goto(offSite);
      await loginPage.signIn(demoEmail("support"), E2E.demoPassword);
      await expect(page.getByRole("heading", { name: "Look up a call" })).toBeVisible();
      expect(page.url()).toBe(`${E2E.baseUrl}/`);
    });
  }

  test("a wrong password is refused without saying which part was wrong", async ({
    page,
    loginPage,
  }) => {
    await loginPage.goto();
    await loginPage.signIn(demoEmail("admin"), "not-the-password");
    await expect(loginPage.error).toHaveText("Wrong e-mail or password.");
    await loginPage.signIn("nobody@example.com", "not-the-password");
    await expect(loginPage.error).toHaveText("Wrong e-mail or password.");
    await expect(page).toHaveURL(/\/login/);
  });

  test("the sign-in page names an icon that loads without a session", async ({
    page,
    loginPage,
    request,
  }) => {
    await loginPage.goto();
    // Without one, every page load asks for /favicon.ico and logs a 404 in the browser console.
    const href = await page.locator('head link[rel="icon"]').getAttribute("href");
    expect(href).toMatch(/^\/icon\.svg/);
    const res = await request.get(href!, { maxRedirects: 0 });
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("image/svg+xml");
  });

  test("repeated wrong passwords lock the account, even against the right password", async ({
    loginPage,
  }) => {
    // manager@example.com is only signed in through the form by auth.setup, which has already run.
    await loginPage.goto();
    for (let attempt = 1; attempt < 5; attempt++) {
      await loginPage.signIn(demoEmail("manager"), `wrong-${attempt}`);
      await expect(loginPage.error).toHaveText("Wrong e-mail or password.");
    }
    await loginPage.signIn(demoEmail("manager"), "wrong-5");
    await expect(loginPage.error).toHaveText(
      /^Too many sign-in attempts\. Try again in 15 minutes\.$/,
    );
    await loginPage.signIn(demoEmail("manager"), E2E.demoPassword);
    await expect(loginPage.error).toHaveText(/^Too many sign-in attempts/);
    await expect(loginPage.page).toHaveURL(/\/login/);
  });

  test("signing out ends the session on the server: a saved cookie is refused", async ({
    page,
    loginPage,
    shell,
    playwright,
  }) => {
    await loginPage.goto();
    await loginPage.signIn(demoEmail("admin"), E2E.demoPassword);
    await expect(shell.user).toContainText(demoEmail("admin"));
    const saved = await page.context().storageState();
    const replay = await playwright.request.newContext({
      baseURL: E2E.baseUrl,
      storageState: saved,
    });
    expect((await replay.get("/api/me")).status()).toBe(200);

    await clickUntil(shell.signOut, loginPage.submit);
    await page.goto("/admin/staff");
    await expect(page).toHaveURL(`/login?callbackUrl=${encodeURIComponent("/admin/staff")}`);

    // The cookie saved before sign-out, sent again: refused, and not renewed.
    const me = await replay.get("/api/me");
    expect(me.status()).toBe(401);
    expect((await me.json()).error.code).toBe("unauthorized");
    const renewal = await replay.get("/api/auth/session");
    expect(await renewal.json()).toEqual({});
    const renewed = renewal
      .headersArray()
      .filter((h) => h.name.toLowerCase() === "set-cookie" && h.value.includes("session-token="))
      .map((h) => h.value);
    for (const cookie of renewed) expect(cookie).toMatch(/session-token=;/);
    await replay.dispose();
  });
});

test.describe("the shell", () => {
  const expectations = [
    {
      role: "support",
      label: "Support",
      visible: ["Search", "Records"],
      hidden: ["Insights", "Staff"],
    },
    {
      role: "manager",
      label: "Manager",
      visible: ["Search", "Records", "Insights"],
      hidden: ["Staff"],
    },
    {
      role: "admin",
      label: "Admin",
      visible: ["Search", "Records", "Insights", "Staff"],
      hidden: [],
    },
  ] as const;

  for (const { role, label, visible, hidden } of expectations) {
    test.describe(role, () => {
      test.use({ storageState: storageStateFor(role) });
      test(`shows ${role}'s navigation, identity, role and the demo banner`, async ({
        page,
        shell,
      }) => {
        await page.goto("/");
        await expect(shell.user).toContainText(demoEmail(role));
        await expect(shell.roleBadge(label)).toBeVisible();
        await expect(shell.demoBanner).toContainText("Demo mode.");
        for (const name of visible) await expect(shell.navLink(name)).toBeVisible();
        for (const name of hidden) await expect(shell.navLink(name)).toHaveCount(0);
        await expect(page.getByRole("status").first()).toHaveText("Emulator connected", {
          timeout: 15_000,
        });
      });
    });
  }

  test.describe("navigation", () => {
    test.use({ storageState: storageStateFor("admin") });
    test("moves between pages and marks the current one", async ({ page, shell }) => {
      await page.goto("/");
      await shell.navLink("Staff").click();
      await expect(page.getByRole("heading", { name: "Staff", level: 1 })).toBeVisible();
      await expect(shell.navLink("Staff")).toHaveAttribute("aria-current", "page");
      await shell.navLink("Records").click();
      await expect(page.getByRole("heading", { name: "Call records" })).toBeVisible();
      await page.goto("/no-such-page");
      await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    });
  });
});
