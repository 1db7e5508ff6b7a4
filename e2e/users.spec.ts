import { expect, storageStateFor, test } from "./fixtures";
import { focusSearch } from "./pages/hydration";
import { emulatorCalls, pastWindow, rowIds, waitForIndex } from "./records-helpers";

// /users/:userId against the real index: calls in both directions, the summary, links in.

test.use({ storageState: storageStateFor("support"), viewport: { width: 1400, height: 1000 } });

test.beforeAll(async ({ playwright }) => {
  const { E2E } = await import("./settings");
  const api = await playwright.request.newContext({
    baseURL: E2E.baseUrl,
    storageState: storageStateFor("support"),
  });
  await waitForIndex(api);
  await api.dispose();
});

test("a user page lists calls where the user was caller and callee, matching the emulator", async ({
  page,
  request,
  apiAs,
}) => {
  const { from, to } = pastWindow(1, 6 * 24);
  const calls = await emulatorCalls(request, from, to);
  // Someone who both called and was called in that span.
  const user = calls.map((c) => c.caller).find((u) => calls.some((c) => c.callees.includes(u)))!;
  const mine = calls.filter((c) => c.caller === user || c.callees.includes(user));
  const api = await apiAs("support");
  const listed = (await (
    await api.get(`/api/records?user=${encodeURIComponent(user)}&pageSize=1`)
  ).json()) as { total: number };

  const userPage = (n: number) => `/users/${encodeURIComponent(user)}?pageSize=200&page=${n}`;
  await page.goto(userPage(1));
  await expect(page.getByRole("heading", { name: `User ${user}` })).toBeVisible();
  const table = page.getByRole("table", { name: `Calls of ${user}` });
  await expect(table.getByRole("cell", { name: "Caller", exact: true }).first()).toBeVisible();
  await expect(table.getByRole("cell", { name: "Callee", exact: true }).first()).toBeVisible();
  await expect(
    page.getByRole("heading", { name: `Calls (${listed.total.toLocaleString("en-US")})` }),
  ).toBeVisible();
  const summary = page.getByRole("definition").first();
  await expect(summary).toHaveText(listed.total.toLocaleString("en-US"));

  // Every call of the emulator's in the fixed window is listed, on one page or another (how many
  // calls a user has depends on the seeded data). Calls indexed meanwhile only push rows towards
  // later pages, so none can be skipped between two page loads.
  const ids = new Set(await rowIds(page));
  for (let n = 2; n <= Math.ceil(listed.total / 200); n++) {
    await page.goto(userPage(n));
    await expect(table.getByRole("row").nth(1)).toBeVisible();
    for (const id of await rowIds(page)) ids.add(id);
  }
  for (const c of mine) expect(ids, c.callId).toContain(c.callId);
});

test("user IDs in the record browser link to the user page", async ({ page }) => {
  await page.goto("/records");
  // The caller cell of the first row.
  const link = page
    .getByRole("table", { name: "Call records" })
    .locator("tbody tr")
    .first()
    .locator("td")
    .nth(1)
    .getByRole("link");
  const user = (await link.textContent())!;
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/users/${encodeURIComponent(user)}$`));
  await expect(page.getByRole("heading", { name: `User ${user}` })).toBeVisible();
});

test("the search box takes a user ID or a room ID to the right view", async ({ page, request }) => {
  const { from, to } = pastWindow(1, 24);
  const [call] = (await emulatorCalls(request, from, to)).filter(
    (c) => c.callees.length === 1 && c.roomId !== "",
  );
  await page.goto("/records");
  await focusSearch(page);
  await page.keyboard.type(call!.caller);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/users/${encodeURIComponent(call!.caller)}$`));
  await expect(page.getByRole("heading", { name: `User ${call!.caller}` })).toBeVisible();

  // A room ID goes to the record browser filtered by that room.
  const room = call!.roomId;
  await focusSearch(page);
  await page.keyboard.type(room);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/records\\?room=${room}$`));
  await expect(page.getByLabel("Room ID")).toHaveValue(room);
  expect((await rowIds(page)).length).toBeGreaterThan(0);

  // An explicit prefix skips the look-up.
  await focusSearch(page);
  await page.keyboard.type(`user:${call!.callees[0]}`);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/users/${encodeURIComponent(call!.callees[0]!)}$`));
});

test("a user with no calls gets an explanation, a malformed one a message", async ({ page }) => {
  await page.goto("/users/nobody-at-all");
  await expect(page.getByText("No calls for this user in the index")).toBeVisible();
  await page.goto(`/users/${"x".repeat(200)}`);
  await expect(page.getByRole("alert").filter({ hasText: "Not a valid user ID" })).toContainText(
    "must be at most 128 characters",
  );
});
