import { expect, storageStateFor, test } from "./fixtures";
import {
  emulatorCalls,
  iso,
  pastWindow,
  rowIds,
  shownTotal,
  waitForIndex,
} from "./records-helpers";

// The record browser against the real launcher, the emulator and the index its sync filled.

test.use({
  storageState: storageStateFor("support"),
  viewport: { width: 1400, height: 900 },
  timezoneId: "Asia/Shanghai",
});

test.beforeAll(async ({ playwright }) => {
  const { E2E } = await import("./settings");
  const api = await playwright.request.newContext({
    baseURL: E2E.baseUrl,
    storageState: storageStateFor("support"),
  });
  await waitForIndex(api);
  await api.dispose();
});

test("filters narrow the list to exactly the emulator's calls, and the total matches the API", async ({
  page,
  request,
  apiAs,
}) => {
  const { from, to } = pastWindow(30, 48);
  const truth = (await emulatorCalls(request, from, to)).filter(
    (c) => ["NotAnswer", "Offline", "Cancel"].includes(c.result) && c.mediaType === "video",
  );
  expect(truth.length).toBeGreaterThan(0);
  expect(truth.length).toBeLessThanOrEqual(200);
  const params = `from=${iso(from)}&to=${iso(to)}&result=NotAnswer,Offline,Cancel&media=video&pageSize=200`;

  await page.goto(`/records?${params}`);
  await expect(page.getByTestId("records-total")).toHaveText(String(truth.length));
  expect((await rowIds(page)).sort()).toEqual(truth.map((c) => c.callId).sort());

  const api = await apiAs("support");
  const body = (await (await api.get(`/api/records?${params}`)).json()) as { total: number };
  expect(await shownTotal(page)).toBe(body.total);

  // Narrowing further with the controls: one-to-one calls only.
  await page.getByLabel("Call type").selectOption("single");
  await expect(page).toHaveURL(/type=single/);
  const singles = truth.filter((c) => c.callType === "single");
  await expect(page.getByTestId("records-total")).toHaveText(String(singles.length));
  expect((await rowIds(page)).sort()).toEqual(singles.map((c) => c.callId).sort());
});

test("a user filter matches the user as caller or as any callee", async ({ page, request }) => {
  const { from, to } = pastWindow(10, 72);
  const calls = await emulatorCalls(request, from, to);
  const callsOf = (user: string) =>
    calls.filter((c) => c.caller === user || c.callees.includes(user));
  // A user who was a later callee of a group call and also called someone, with no more calls
  // than one page holds: popular users of the emulator's population can exceed 200 in 72 hours.
  const candidates = [...new Set(calls.flatMap((c) => c.callees.slice(1)))]
    .map((user) => ({ user, truth: callsOf(user) }))
    .filter(({ truth }) => truth.length <= 200);
  expect(candidates.length).toBeGreaterThan(0);
  const { user, truth } =
    candidates.find(({ user, truth }) => truth.some((c) => c.caller === user)) ?? candidates[0]!;
  expect(truth.length).toBeGreaterThan(1);
  await page.goto(
    `/records?from=${iso(from)}&to=${iso(to)}&user=${encodeURIComponent(user)}&pageSize=200`,
  );
  await expect(page.getByTestId("records-total")).toHaveText(String(truth.length));
  expect((await rowIds(page)).sort()).toEqual(truth.map((c) => c.callId).sort());
});

test("a copied URL shows the same rows in a fresh signed-in context", async ({ page, browser }) => {
  const { from, to } = pastWindow(20, 24);
  await page.goto(`/records?from=${iso(from)}&to=${iso(to)}`);
  await page.getByRole("checkbox", { name: "Ended normally" }).check();
  await page.getByRole("button", { name: "Talk time" }).click();
  await expect(page).toHaveURL(/sort=-talkSeconds/);
  await page.getByRole("button", { name: "Next page" }).click();
  await expect(page).toHaveURL(/page=2/);
  const ids = await rowIds(page);
  expect(ids.length).toBe(50);
  const url = page.url();

  const fresh = await browser.newContext({
    storageState: storageStateFor("support"),
    timezoneId: "Asia/Shanghai",
  });
  const other = await fresh.newPage();
  await other.goto(url);
  await expect(other.getByTestId("records-total")).toHaveText(
    (await page.getByTestId("records-total").textContent())!,
  );
  expect(await rowIds(other)).toEqual(ids);
  await fresh.close();
});

test("switching the time zone changes the shown times and the URL", async ({ page }) => {
  const { from, to } = pastWindow(5, 24);
  await page.goto(`/records?from=${iso(from)}&to=${iso(to)}`);
  const firstTime = page
    .getByRole("table", { name: "Call records" })
    .locator("tbody tr")
    .first()
    .locator("time");
  const instant = (await firstTime.getAttribute("datetime"))!;
  const shanghai = new Date(Date.parse(instant) + 8 * 3_600_000)
    .toISOString()
    .slice(0, 19)
    .replace("T", " ");
  await expect(firstTime).toContainText(shanghai);
  await expect(page.getByRole("button", { name: "Local (Asia/Shanghai)" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );

  await page.getByRole("button", { name: "UTC", exact: true }).click();
  await expect(page).toHaveURL(/tz=UTC/);
  await expect(firstTime).toHaveText(`${instant.slice(0, 19).replace("T", " ")} UTC`);
  // The custom range inputs follow the zone too.
  await expect(page.getByLabel("From (UTC)")).toHaveValue(iso(from).slice(0, 16));
});

test("sorting by ring time orders the rows by ring time, longest first, then back", async ({
  page,
  apiAs,
}) => {
  const { from, to } = pastWindow(5, 24);
  await page.goto(`/records?from=${iso(from)}&to=${iso(to)}&pageSize=100`);
  await page.getByRole("button", { name: "Ring time" }).click();
  await expect(page).toHaveURL(/sort=-ringSeconds/);
  await expect(page.getByRole("columnheader", { name: "Ring time" })).toHaveAttribute(
    "aria-sort",
    "descending",
  );
  const api = await apiAs("support");
  const { items } = (await (
    await api.get(`/api/records?from=${iso(from)}&to=${iso(to)}&pageSize=100&sort=-ringSeconds`)
  ).json()) as { items: { callId: string; ringSeconds: number | null }[] };
  const rings = items.map((i) => i.ringSeconds ?? -1);
  expect(rings).toEqual([...rings].sort((a, b) => b - a));
  await expect.poll(() => rowIds(page)).toEqual(items.map((i) => i.callId));

  await page.getByRole("button", { name: "Ring time" }).click();
  await expect(page).toHaveURL(/sort=ringSeconds/);
  const asc = (await (
    await api.get(`/api/records?from=${iso(from)}&to=${iso(to)}&pageSize=100&sort=ringSeconds`)
  ).json()) as { items: { callId: string; ringSeconds: number | null }[] };
  const known = asc.items.filter((i) => i.ringSeconds !== null).map((i) => i.ringSeconds!);
  expect(known).toEqual([...known].sort((a, b) => a - b));
  await expect.poll(() => rowIds(page)).toEqual(asc.items.map((i) => i.callId));
});

test("keyboard: j/k move through rows with visible focus, Enter opens the call", async ({
  page,
}) => {
  const { from, to } = pastWindow(5, 24);
  await page.goto(`/records?from=${iso(from)}&to=${iso(to)}`);
  const ids = await rowIds(page);
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await page.keyboard.press("k");
  const second = page.locator(`tr[data-call-id="${ids[1]}"]`);
  await expect(second).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/calls/${ids[1]}$`));
});

test("a preset range stays a preset in the URL and narrows the list", async ({ page }) => {
  await page.goto("/records");
  await expect(page.getByLabel("Time range")).toHaveValue("all");
  const everything = await shownTotal(page);
  await page.getByLabel("Time range").selectOption("24h");
  await expect(page).toHaveURL(/range=24h/);
  await expect.poll(() => shownTotal(page)).toBeLessThan(everything);
  expect(await shownTotal(page)).toBeGreaterThan(0);
  // The whole retention again: the preset leaves the URL.
  await page.getByLabel("Time range").selectOption("all");
  await expect(page).not.toHaveURL(/range=/);
  await expect.poll(() => shownTotal(page)).toBeGreaterThanOrEqual(everything);
});

test("an empty result says why", async ({ page }) => {
  const { from, to } = pastWindow(5, 24);
  await page.goto(`/records?from=${iso(from)}&to=${iso(to)}&room=no-such-room`);
  await expect(page.getByRole("heading", { name: "No calls match these filters" })).toBeVisible();
  await expect(page.getByText(/The time range itself has [\d,]+ calls/)).toBeVisible();
  await page.goto(`/records?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z`);
  await expect(page.getByRole("heading", { name: "No calls in this time range" })).toBeVisible();
});

test("the freshness line shows when the index last synced and the archive window", async ({
  page,
}) => {
  await page.goto("/records");
  const status = page.getByRole("status", { name: "Index freshness" });
  await expect(status).toContainText(/Synced \d+ (s|min) ago/);
  await expect(status).toContainText("Last 7 days re-read from Tencent");
});

test("a well-formed but unknown result is named, and shows the calls with exactly that result", async ({
  page,
}) => {
  await page.goto("/records?result=Bogus");
  await expect(page.getByRole("note", { name: "Unknown result" })).toContainText(
    "Bogus is not a result Tencent is known to send",
  );
  await expect(page.getByTestId("records-total")).toHaveText("0");
  await expect(page.getByRole("checkbox", { name: "Bogus" })).toBeChecked();
});

for (const [query, message] of [
  ["page=0", "page: must be from 1 to 1000000"],
  ["pageSize=10000", "pageSize: must be from 1 to 200"],
  ["from=2026-11-21T00:00:00Z&to=2026-11-20T00:00:00Z", "to: must be after from"],
  ["from=yesterday", "from: must be an ISO 8601 time"],
  ["from=2026-11-21&to=2026-11-20", "from: must be an ISO 8601 time"],
  ["result=Not%20a%20result", "result.0: must be result names"],
  ["type=conference", "type: must be single or group"],
  ["range=fortnight", "range: must be one of"],
  ["tz=Mars/Olympus", "tz: must be local, UTC or an IANA time zone"],
] as const) {
  test(`a bad query string (${query}) gets a clear message`, async ({ page }) => {
    await page.goto(`/records?${query}`);
    await expect(
      page.getByRole("alert").filter({ hasText: "This view's address has a problem" }),
    ).toContainText(message);
  });
}
