import type { APIRequestContext, Page } from "@playwright/test";

import { expect, storageStateFor, test } from "./fixtures";
import { focusSearch } from "./pages/hydration";
import { emulatorCalls, rowIds, shownTotal, waitForIndex, type EmuCall } from "./records-helpers";
import { E2E } from "./settings";
import { resolvePreset } from "../lib/records/ranges";

// "My call to bob failed yesterday around 3 pm": a user's page narrowed to yesterday and one other
// person, and the record browser around a time, both against the emulator's own list of calls.

const ZONE = "Asia/Shanghai";

test.use({
  storageState: storageStateFor("support"),
  viewport: { width: 1400, height: 1000 },
  timezoneId: ZONE,
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

/** The zone switch names the browser's zone only once React runs: the controls work from then. */
async function hydrated(page: Page): Promise<void> {
  await expect(page.getByRole("button", { name: `Local (${ZONE})` })).toBeVisible();
}

const tookPart = (c: EmuCall, user: string) => c.caller === user || c.callees.includes(user);

/** Wall time of `ms` in `zone`, as a datetime-local field holds it ("2026-12-06T15:00"). */
function wallTime(ms: number, zone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: zone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get("year")}-${get("month")}-${get("day")}T${get("hour")}:${get("minute")}`;
}

/** Yesterday in the browser's zone, and the pair of users with the most calls together in it. */
async function busiestPairYesterday(request: APIRequestContext) {
  const yesterday = resolvePreset("yesterday", ZONE, Date.now());
  const from = Date.parse(yesterday.from!);
  const calls = await emulatorCalls(request, from, Date.parse(yesterday.to!));
  const pairs = new Map<string, number>();
  for (const c of calls)
    for (const callee of c.callees)
      pairs.set(`${c.caller} ${callee}`, (pairs.get(`${c.caller} ${callee}`) ?? 0) + 1);
  const [pair] = [...pairs].sort((a, b) => b[1] - a[1])[0]!;
  const [user, other] = pair.split(" ") as [string, string];
  const shared = calls.filter((c) => tookPart(c, user) && tookPart(c, other));
  const userOnly = calls.filter((c) => tookPart(c, user) && !tookPart(c, other));
  expect(shared.length).toBeGreaterThan(0);
  expect(shared.length).toBeLessThanOrEqual(50);
  return { from, user, other, shared: shared.map((c) => c.callId).sort(), userOnly };
}

test("a user's page narrowed to yesterday and one other person shows only their shared calls", async ({
  page,
  request,
}) => {
  const { from, user, other, shared, userOnly } = await busiestPairYesterday(request);

  await page.goto(`/users/${encodeURIComponent(user)}`);
  await expect(page.getByRole("heading", { name: `User ${user}` })).toBeVisible();
  await hydrated(page);

  await page.getByLabel("Time range").selectOption("yesterday");
  await expect(page).toHaveURL(/[?&]range=yesterday/);
  await page.getByLabel("With (other person's user ID)").fill(other);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]with=${encodeURIComponent(other)}(&|$)`));
  await expect(page).toHaveURL(/[?&]range=yesterday/);

  const table = page.getByRole("table", { name: `Calls of ${user} with ${other}` });
  await expect(
    page.getByRole("heading", { name: `Calls with ${other} (${shared.length})` }),
  ).toBeVisible();
  expect((await rowIds(page)).sort()).toEqual(shared);
  for (const c of userOnly.slice(0, 5)) expect(await rowIds(page)).not.toContain(c.callId);

  // Yesterday is one calendar day in the browser's zone: one heading, named as such.
  const day = new Intl.DateTimeFormat("en-GB", {
    timeZone: ZONE,
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
  }).format(new Date(from));
  const headings = table.getByRole("heading", { level: 3 });
  await expect(headings).toHaveCount(1);
  await expect(headings).toHaveText(`Yesterday · ${day}`);
});

test("the address keeps both filters, and the whole retention has a heading per day", async ({
  page,
  request,
}) => {
  const { user, other, shared } = await busiestPairYesterday(request);
  await page.goto(
    `/users/${encodeURIComponent(user)}?range=yesterday&with=${encodeURIComponent(other)}`,
  );
  await hydrated(page);
  await expect(page.getByLabel("Time range")).toHaveValue("yesterday");
  await expect(page.getByLabel("With (other person's user ID)")).toHaveValue(other);
  expect((await rowIds(page)).sort()).toEqual(shared);

  // Over the whole retention, days are told apart by a heading each.
  await page.getByLabel("Time range").selectOption("all");
  await expect(page).not.toHaveURL(/range=/);
  await expect(page).toHaveURL(/[?&]with=/);
  const allDays = page
    .getByRole("table", { name: `Calls of ${user} with ${other}` })
    .getByRole("heading", { level: 3 });
  await expect(allDays.first()).toBeVisible();
  expect(await allDays.count()).toBeGreaterThan(1);
});

test("the other person's page answers 'nothing shared' with a way back", async ({ page }) => {
  await page.goto("/users/nobody-at-all-1?with=nobody-at-all-2&range=yesterday");
  await hydrated(page);
  await expect(
    page.getByRole("heading", { name: /No calls with nobody-at-all-2 in this time range/ }),
  ).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).first().click();
  await expect(page).not.toHaveURL(/with=/);

  // The user themselves as the other person is a problem named by field, not an empty list.
  await page.goto("/users/alice?with=alice");
  await expect(
    page.getByRole("alert").filter({ hasText: "This view's address has a problem" }),
  ).toContainText("with: must be another person than user");
});

test("the record browser shows the calls around a time, one field, kept in the URL", async ({
  page,
  request,
}) => {
  // Four hours ago on a whole minute: fully indexed, and nothing new can start in it.
  const centre = Math.floor((Date.now() - 4 * 3_600_000) / 60_000) * 60_000;
  const truth = await emulatorCalls(request, centre - 3_600_000, centre + 3_600_000);
  expect(truth.length).toBeGreaterThan(0);
  expect(truth.length).toBeLessThanOrEqual(200);
  const typed = wallTime(centre, ZONE);

  await page.goto("/records?pageSize=200");
  await hydrated(page);
  await page.getByLabel("Time range").selectOption("around");
  const around = page.getByLabel(`Around (± 1 h, ${ZONE})`);
  await expect(around).toHaveAttribute("step", "60");
  await around.fill(typed);
  // Readable in the address bar, as a ticket would quote it: around=2026-12-06T15:00.
  await expect(page).toHaveURL(new RegExp(`[?&]around=${typed}(&|$)`));
  await expect(page.getByTestId("records-total")).toHaveText(String(truth.length));
  expect(await shownTotal(page)).toBe(truth.length);
  expect((await rowIds(page)).sort()).toEqual(truth.map((c) => c.callId).sort());
});

test("a records link with a time in it opens that view; Yesterday is a preset of its own", async ({
  page,
  request,
}) => {
  const centre = Math.floor((Date.now() - 4 * 3_600_000) / 60_000) * 60_000;
  const truth = await emulatorCalls(request, centre - 3_600_000, centre + 3_600_000);
  const typed = wallTime(centre, ZONE);
  await page.goto(`/records?around=${typed}&pageSize=200`);
  await expect(page.getByLabel(`Around (± 1 h, ${ZONE})`)).toHaveValue(typed);
  await expect(page.getByTestId("records-total")).toHaveText(String(truth.length));
  await hydrated(page);
  await page.getByLabel("Time range").selectOption("yesterday");
  await expect(page).toHaveURL(/[?&]range=yesterday/);
  await expect(page).not.toHaveURL(/around=/);
});

test("'my call to bob failed yesterday around 3 pm': three interactions after typing bob reach the ticket text", async ({
  page,
  request,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: E2E.baseUrl });
  const { from, other: bob, shared } = await busiestPairYesterday(request);
  const calls = await emulatorCalls(request, from, from + 86_400_000);
  // The shared call nearest 15:00 yesterday in the browser's zone.
  const threePm = from + 15 * 3_600_000;
  const target = calls
    .filter((c) => shared.includes(c.callId))
    .sort((a, b) => Math.abs(a.startedAt - threePm) - Math.abs(b.startedAt - threePm))[0]!;

  await page.goto("/");
  await focusSearch(page);
  await page.keyboard.type(bob);
  let interactions = 0;

  // 1: the suggestion opens bob's page.
  await page
    .getByRole("listbox", { name: "Matching user IDs" })
    .getByRole("option", { name: bob })
    .first()
    .click();
  interactions++;
  await expect(page.getByRole("heading", { name: `User ${bob}` })).toBeVisible();
  await hydrated(page);

  // 2: yesterday.
  await page.getByLabel("Time range").selectOption("yesterday");
  interactions++;
  const row = page.locator(`tr[data-call-id="${target.callId}"]`);
  await expect(row).toBeVisible();

  // 3: the row's ticket text.
  await row.getByRole("button", { name: `Copy ticket text for call ${target.callId}` }).click();
  interactions++;
  await expect(
    page.getByRole("status").filter({ hasText: `Ticket text for call ${target.callId} copied` }),
  ).toBeAttached();
  expect(interactions).toBeLessThanOrEqual(3);

  const text = await page.evaluate(() => navigator.clipboard.readText());
  expect(text).toContain(`Call ${target.callId}`);
  expect(text).toContain(`Link: ${E2E.baseUrl}/calls/${target.callId}`);
  expect(text).toContain(target.caller);
  for (const callee of target.callees) expect(text).toContain(callee);
});
