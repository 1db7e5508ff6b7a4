import type { Page } from "@playwright/test";

import { expect, storageStateFor, test } from "./fixtures";
import { CallDetailPage, EmulatorControl } from "./pages/call-detail-page";
import { waitForIndex } from "./records-helpers";

// The time-zone choice (local or UTC) carries across pages and visits; a tz in the URL still wins.
// The viewer is east of UTC, so local and UTC times differ.
test.use({
  storageState: storageStateFor("manager"),
  viewport: { width: 1280, height: 900 },
  timezoneId: "Asia/Shanghai",
});

test.beforeAll(async ({ playwright }) => {
  const { E2E } = await import("./settings");
  const api = await playwright.request.newContext({
    baseURL: E2E.baseUrl,
    storageState: storageStateFor("manager"),
  });
  await waitForIndex(api);
  await api.dispose();
});

const zoneSwitch = (page: Page) => page.getByRole("group", { name: "Time zone" });
const pressed = (page: Page) => zoneSwitch(page).locator("[aria-pressed=true]");
const firstRowTime = (page: Page) =>
  page.getByRole("table").getByRole("row").nth(1).locator("time").first();

test("UTC chosen on Records holds on Insights, a user page, a call and a later visit", async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(90_000);
  await page.goto("/records");
  await expect(firstRowTime(page)).toHaveText(/GMT\+8$/);
  await zoneSwitch(page).getByRole("button", { name: "UTC" }).click();
  await expect(pressed(page)).toHaveText("UTC");
  await expect(firstRowTime(page)).toHaveText(/ UTC$/);

  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Insights" })
    .click();
  await expect(page).toHaveURL(/\/insights/);
  await expect(pressed(page)).toHaveText("UTC");

  const call = await new EmulatorControl(request).script({
    caller: "e2e-tz-a",
    callees: ["e2e-tz-b"],
  });
  await page.goto("/users/e2e-tz-a");
  await expect(pressed(page)).toHaveText("UTC");

  // The call page shows its times in UTC only, without the local line.
  const detail = new CallDetailPage(page);
  await detail.goto(call.callId);
  const started = page
    .getByRole("definition")
    .filter({ has: page.locator("time") })
    .first();
  await expect(started.locator("time")).toHaveText(/ UTC$/);
  await expect(started).not.toContainText("GMT+8");

  // A new visit (a fresh tab) starts in UTC, with no local times shown first.
  await page.close();
  const next = await context.newPage();
  const shown: string[] = [];
  await next.exposeFunction("noteTime", (t: string) => shown.push(t));
  await next.addInitScript(() => {
    new MutationObserver(() => {
      const t = document.querySelector("table time");
      if (t?.textContent)
        (window as unknown as { noteTime: (t: string) => void }).noteTime(t.textContent);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await next.goto("/records");
  await expect(pressed(next)).toHaveText("UTC");
  await expect(firstRowTime(next)).toHaveText(/ UTC$/);
  expect(shown.filter((t) => t.includes("GMT+8"))).toEqual([]);
});

test("a tz in the URL wins over the remembered choice, without replacing it", async ({ page }) => {
  await page.goto("/records");
  // Rows appear only after hydration, so the click below reaches React.
  await expect(firstRowTime(page)).toHaveText(/GMT\+8$/);
  await zoneSwitch(page).getByRole("button", { name: "UTC" }).click();
  await expect(pressed(page)).toHaveText("UTC");

  await page.goto("/records?tz=Asia%2FTokyo");
  await expect(pressed(page)).toHaveText("Asia/Tokyo");
  await expect(firstRowTime(page)).toHaveText(/GMT\+9$/);

  await page.goto("/insights");
  await expect(pressed(page)).toHaveText("UTC");
  // The figures load after hydration; whether a comparison line shows depends on index coverage.
  await expect(page.getByRole("region", { name: "Summary" })).toBeVisible();

  // Choosing local is remembered too.
  await zoneSwitch(page)
    .getByRole("button", { name: /^Local/ })
    .click();
  await expect(pressed(page)).toHaveText(/^Local/);
  await page.goto("/records");
  await expect(pressed(page)).toHaveText(/^Local/);
  await expect(firstRowTime(page)).toHaveText(/GMT\+8$/);
});
