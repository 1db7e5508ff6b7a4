import { demoEmail, expect, storageStateFor, test } from "./fixtures";

// Pictures of the sign-in page and the shell in both colour schemes, for a person to look at.
for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme, viewport: { width: 1280, height: 800 } });

    test("sign-in page", async ({ page }) => {
      await page.goto("/login");
      await expect(page.getByRole("heading", { name: "Sign in to Call Console" })).toBeVisible();
      await page.screenshot({ path: `e2e/screenshots/login-${colorScheme}.png`, fullPage: true });
    });

    test.describe("signed in", () => {
      test.use({ storageState: storageStateFor("admin") });
      test("shell", async ({ page }) => {
        await page.goto("/admin/staff");
        await expect(
          page.getByRole("cell", { name: demoEmail("support"), exact: true }),
        ).toBeVisible();
        await expect(page.getByRole("status").first()).not.toHaveText("Checking connection…");
        await page.screenshot({
          path: `e2e/screenshots/shell-users-${colorScheme}.png`,
          fullPage: true,
        });
        await page.goto("/");
        await expect(page.getByRole("heading", { name: "Look up a call" })).toBeVisible();
        await expect(page.getByRole("status").first()).not.toHaveText("Checking connection…");
        await page.screenshot({
          path: `e2e/screenshots/shell-search-${colorScheme}.png`,
          fullPage: true,
        });
      });
    });
  });
}
