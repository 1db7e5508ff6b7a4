import { expect, storageStateFor, test } from "./fixtures";
import { emulatorCalls, iso, pastWindow, waitForIndex } from "./records-helpers";

// Pictures of the record browser and a user page in both colour schemes, for a person to look at.

test.beforeAll(async ({ playwright }) => {
  const { E2E } = await import("./settings");
  const api = await playwright.request.newContext({
    baseURL: E2E.baseUrl,
    storageState: storageStateFor("manager"),
  });
  await waitForIndex(api);
  await api.dispose();
});

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({
      colorScheme,
      viewport: { width: 1440, height: 900 },
      storageState: storageStateFor("manager"),
      timezoneId: "Europe/Berlin",
    });

    test("record browser", async ({ page }) => {
      const { from, to } = pastWindow(3, 24);
      await page.goto(
        `/records?from=${iso(from)}&to=${iso(to)}&result=NormalEnd,NotAnswer,Offline&pageSize=25`,
      );
      await expect(page.getByRole("table", { name: "Call records" })).toBeVisible();
      await expect(page.getByRole("status", { name: "Index freshness" })).toContainText("Synced");
      await page.keyboard.press("j");
      await page.keyboard.press("j");
      await page.screenshot({ path: `e2e/screenshots/records-${colorScheme}.png`, fullPage: true });
    });

    test("user page", async ({ page, request }) => {
      const { from, to } = pastWindow(0, 6 * 24);
      const calls = await emulatorCalls(request, from, to);
      // The busiest caller: a fuller summary, most likely with a trouble flag.
      const counts = new Map<string, number>();
      for (const c of calls) counts.set(c.caller, (counts.get(c.caller) ?? 0) + 1);
      const user = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
      await page.goto(`/users/${encodeURIComponent(user)}?pageSize=25`);
      await expect(page.getByRole("table", { name: `Calls of ${user}` })).toBeVisible();
      await expect(page.getByRole("table", { name: "Outcomes" })).toBeVisible();
      await page.screenshot({ path: `e2e/screenshots/user-${colorScheme}.png`, fullPage: true });
    });
  });
}
