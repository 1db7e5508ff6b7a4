import type { Page } from "@playwright/test";

import { expect, storageStateFor, test } from "./fixtures";
import { CallDetailPage, EmulatorControl } from "./pages/call-detail-page";
import { waitForIndex } from "./records-helpers";

// The console on a phone (390 × 844): a header that leaves the screen to the content, nothing
// wider than the screen, Records' filters behind one button and its result column in view.
const PHONE = { width: 390, height: 844 };
test.use({ storageState: storageStateFor("admin"), viewport: PHONE, hasTouch: true });

test.beforeAll(async ({ playwright }) => {
  const { E2E } = await import("./settings");
  const api = await playwright.request.newContext({
    baseURL: E2E.baseUrl,
    storageState: storageStateFor("admin"),
  });
  await waitForIndex(api);
  await api.dispose();
});

async function expectPhoneFit(page: Page) {
  const header = await page.locator("header").boundingBox();
  expect(header, "the sticky header").not.toBeNull();
  expect(header!.height, "header height").toBeLessThanOrEqual(PHONE.height * 0.1 + 2);
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
    // Headings wider than their box, i.e. running out sideways instead of wrapping.
    overflowing: [...document.querySelectorAll("h1, h2, h3")]
      .filter((h) => h.scrollWidth > h.clientWidth + 1)
      .map((h) => h.textContent),
  }));
  expect(widths.page, "no sideways scrolling").toBeLessThanOrEqual(widths.viewport);
  expect(widths.overflowing).toEqual([]);
}

test("Records: a short header, filters behind one button, the result column in view", async ({
  page,
}) => {
  await page.goto("/records?pageSize=25");
  const table = page.getByRole("table", { name: "Call records" });
  await expect(table.getByRole("row").nth(1)).toBeVisible();
  await expectPhoneFit(page);

  // The filters are one button until opened, and open and close from the keyboard.
  const filters = page.getByRole("region", { name: "Filters" });
  const button = filters.getByRole("button", { name: /^Filters/ });
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await expect(filters.getByLabel("Call type")).toBeHidden();
  await button.focus();
  await page.keyboard.press("Enter");
  await expect(button).toHaveAttribute("aria-expanded", "true");
  await expect(filters.getByLabel("Call type")).toBeVisible();
  // The next Tab lands on a filter, inside the opened region.
  await page.keyboard.press("Tab");
  await expect(filters.locator("select:focus, input:focus, button:focus")).toHaveCount(1);
  await expect(button).not.toBeFocused();
  await filters.getByLabel("Call type").selectOption("group");
  await expect(page).toHaveURL(/type=group/);
  await expect(table.getByRole("row").nth(1)).toBeVisible();
  await expectPhoneFit(page);
  await button.focus();
  await page.keyboard.press("Space");
  await expect(filters.getByLabel("Call type")).toBeHidden();
  await expect(button).toContainText("1 set");

  // Every row's result badge lies inside the screen: no sideways scrolling to read it.
  const resultHeader = table.getByRole("columnheader", { name: "Result" });
  await expect(resultHeader).toBeVisible();
  const firstResult = table.getByRole("row").nth(1).getByRole("cell").nth(2);
  const box = await firstResult.boundingBox();
  expect(box).not.toBeNull();
  expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
  await expect(table.getByRole("columnheader", { name: "Room ID" })).toBeHidden();

  await page.getByRole("button", { name: /^Filters/ }).click();
  await page.screenshot({ path: "e2e/screenshots/phone-records-filters.png", fullPage: false });
  await page.getByRole("button", { name: /^Filters/ }).click();
  await page.screenshot({ path: "e2e/screenshots/phone-records.png", fullPage: true });
});

test("call detail: a short header and nothing wider than the screen", async ({ page, request }) => {
  const call = await new EmulatorControl(request).script({
    caller: "e2e-phone-caller-with-a-rather-long-user-id",
    callees: ["e2e-phone-callee"],
    result: "CallBusy",
  });
  const detail = new CallDetailPage(page);
  await detail.goto(call.callId);
  await expect(detail.heading).toHaveText(call.callId);
  await expect(detail.participants).toBeVisible();
  await expectPhoneFit(page);
  // The outcome column is read without scrolling the participants table sideways.
  const outcome = await detail.participantCell("e2e-phone-callee").boundingBox();
  expect(outcome!.x + outcome!.width).toBeLessThanOrEqual(PHONE.width);
  await page.screenshot({ path: "e2e/screenshots/phone-call-detail.png", fullPage: true });
});

test("other pages fit the phone too", async ({ page }) => {
  for (const path of ["/", "/live", "/insights", "/admin/sync", "/admin/users"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectPhoneFit(page);
  }
});
