import { expect, storageStateFor, test } from "./fixtures";
import { focusSearch } from "./pages/hydration";
import { emulatorCalls, pastWindow, waitForIndex } from "./records-helpers";
import { E2E } from "./settings";

// The shell's search box: partial user IDs from the index (keyboard only), pasted console links
// and pasted ticket text.

test.use({ storageState: storageStateFor("support"), viewport: { width: 1400, height: 1000 } });

test.beforeAll(async ({ playwright }) => {
  const api = await playwright.request.newContext({
    baseURL: E2E.baseUrl,
    storageState: storageStateFor("support"),
  });
  await waitForIndex(api);
  await api.dispose();
});

test('typing "bob" suggests users with their calls, and the keyboard alone opens one', async ({
  page,
  apiAs,
}) => {
  const api = await apiAs("support");
  const { items } = (await (await api.get("/api/search/users?q=bob")).json()) as {
    items: { userId: string; calls: number }[];
  };
  expect(items.length).toBeGreaterThan(0);
  const first = items[0]!;
  expect(first.userId.toLowerCase().startsWith("bob")).toBe(true);

  await page.goto("/records");
  const box = await focusSearch(page);
  await page.keyboard.type("bob");
  const list = page.getByRole("listbox", { name: "Matching user IDs" });
  const options = list.getByRole("option");
  await expect(options.first()).toContainText(first.userId);
  await expect(options.first()).toContainText(
    `${first.calls.toLocaleString("en-US")} call${first.calls === 1 ? "" : "s"} · last`,
  );
  await expect(options).toHaveCount(items.length);
  await expect(box).toHaveAttribute("aria-expanded", "true");

  // Escape closes the list and keeps the text; an arrow opens it again.
  await page.keyboard.press("Escape");
  await expect(list).toBeHidden();
  await expect(box).toHaveValue("bob");
  await page.keyboard.press("ArrowDown");
  await expect(list).toBeVisible();

  await page.keyboard.press("ArrowDown");
  await expect(options.first()).toHaveAttribute("aria-selected", "true");
  await expect(box).toHaveAttribute("aria-activedescendant", /.+/);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/users/${encodeURIComponent(first.userId)}$`));
  await expect(page.getByRole("heading", { name: `User ${first.userId}` })).toBeVisible();
});

test("each kind of console link pasted into the box opens that view", async ({ page, request }) => {
  const { from, to } = pastWindow(1, 24);
  const call = (await emulatorCalls(request, from, to))[0]!;
  const user = encodeURIComponent(call.caller);
  const links = [
    `${E2E.baseUrl}/records?user=${user}&result=NormalEnd`,
    `${E2E.baseUrl}/users/${user}`,
    `${E2E.baseUrl}/insights?bucket=hour`,
    `${E2E.baseUrl}/live`,
    `${E2E.baseUrl}/calls/${call.callId}`,
    `/records?result=Cancel`,
  ];
  await page.goto("/");
  for (const link of links) {
    const box = await focusSearch(page);
    await box.fill(link);
    await box.press("Enter");
    const path = link.replace(E2E.baseUrl, "");
    await expect(page).toHaveURL(`${E2E.baseUrl}${path}`);
    await expect(page.getByText("Tencent has no record")).toHaveCount(0);
  }
});

test("pasted ticket text looks up only its two call IDs", async ({ page, request }) => {
  const { from, to } = pastWindow(1, 24);
  const [a, b] = await emulatorCalls(request, from, to);
  const ticket = `Hi team, my call to bob failed yesterday around 3pm (call ${a!.callId}), and again later: ${b!.callId}. Thanks, Ann`;
  await page.goto("/");
  const box = await focusSearch(page);
  await box.fill(ticket);
  await box.press("Enter");
  await expect(page.getByRole("heading", { name: "2 call IDs" })).toBeVisible();
  const table = page.getByRole("table", { name: "Looked-up calls" });
  await expect(table.getByRole("row")).toHaveCount(3);
  await expect(table).toContainText(a!.callId);
  await expect(table).toContainText(b!.callId);
  await expect(table).not.toContainText("Not a valid call ID");
});

test("a call ID that is not found stays in the box to be fixed", async ({ page }) => {
  const typo = "7f3c2a90-5b1e-4c2d-9a8e-0c1d2e3f4a5c";
  await page.goto("/");
  const box = await focusSearch(page);
  await box.fill(typo);
  await box.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/calls/${typo}$`));
  await expect(page.getByRole("heading", { name: "Call not found" })).toBeVisible();
  await expect(box).toHaveValue(typo);
});
