import type { Page } from "@playwright/test";

import { expect, test } from "./fixtures";
import { E2E } from "./settings";

/** Goes through the identity provider's own sign-in form (oidc-provider's login page). */
async function signInAtProvider(page: Page, login: string) {
  await expect(page).toHaveURL(new RegExp(`^${E2E.oidcIssuer.replace(/\./g, "\\.")}/`));
  await page.getByPlaceholder("Enter any login").fill(login);
  await page.getByPlaceholder("and password").fill("any-password");
  await page.getByRole("button", { name: "Sign-in" }).click();
}

test.describe("company SSO through a real OpenID provider", () => {
  test("a manager signs in and keeps the deep link", async ({ page, loginPage, shell }) => {
    const deepLink = "/insights?from=2024-05-01&media=video";
    await page.goto(deepLink);
    await loginPage.ssoButton(E2E.oidcName).click();
    await signInAtProvider(page, "dana");
    await expect(page.getByRole("heading", { name: "Insights", level: 1 })).toBeVisible();
    expect(page.url()).toBe(`${E2E.baseUrl}${deepLink}`);
    await expect(shell.user).toContainText("dana@corp.example");
    await expect(shell.roleBadge("Manager")).toBeVisible();
    await expect(shell.navLink("Staff")).toHaveCount(0);
  });

  test("an admin from the SSO groups reaches the admin pages and is listed", async ({
    page,
    loginPage,
  }) => {
    await loginPage.goto("/admin/staff");
    await loginPage.ssoButton(E2E.oidcName).click();
    await signInAtProvider(page, "alex");
    const row = page
      .getByRole("table", { name: "Staff accounts" })
      .getByRole("row")
      .filter({ hasText: "alex@corp.example" });
    await expect(row).toContainText("Admin");
    await expect(row).toContainText("SSO");
  });

  test("someone outside the allowed e-mail domain is refused", async ({ page, loginPage }) => {
    await loginPage.goto();
    await loginPage.ssoButton(E2E.oidcName).click();
    await signInAtProvider(page, "eve");
    await expect(page).toHaveURL(/\/login\?error=AccessDenied/);
    await expect(loginPage.error).toHaveText(
      "Your company account is not in a domain allowed to use this console.",
    );
  });

  test("someone in no mapped group is refused", async ({ page, loginPage }) => {
    await loginPage.goto();
    await loginPage.ssoButton(E2E.oidcName).click();
    await signInAtProvider(page, "nora");
    await expect(loginPage.error).toHaveText(
      "Your company account is not in any group that grants access to this console.",
    );
    await page.goto("/");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2F$/);
  });
});
