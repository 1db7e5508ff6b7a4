import type { APIRequestContext } from "@playwright/test";

import { expect, storageStateFor, test } from "./fixtures";
import { emulatorCalls, iso, pastWindow, shownTotal, waitForIndex } from "./records-helpers";

// Insights end to end: the launcher, the emulator and its synced index, a real browser. Figures are
// checked against the emulator's own calls; clicking a figure must land on a record browser whose
// total is that figure. Screenshots of both themes go to e2e/screenshots/.

type Insights = {
  range: {
    from: string;
    to: string;
    previousFrom: string;
    previousTo: string;
    tz: string;
    bucket: string;
  };
  summary: {
    total: number;
    answered: number;
    answerRate: number | null;
    previous: { total: number; answered: number };
  };
  results: { result: string; count: number; previous: number }[];
  series: { from: string; to: string; total: number; results: Record<string, number> }[];
  coverage: { completeFrom: string | null };
};

test.beforeAll(async ({ playwright }) => {
  const { E2E } = await import("./settings");
  const api = await playwright.request.newContext({
    baseURL: E2E.baseUrl,
    storageState: storageStateFor("manager"),
  });
  await waitForIndex(api);
  await api.dispose();
});

async function insightsFor(api: APIRequestContext, query: string): Promise<Insights> {
  const res = await api.get(`/api/insights?${query}`);
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as Insights;
}

async function recordsTotal(api: APIRequestContext, query: URLSearchParams): Promise<number> {
  const res = await api.get(`/api/records?${query.toString()}&pageSize=1`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { total: number }).total;
}

const count = <T>(items: T[], key: (t: T) => string) =>
  items.reduce<Record<string, number>>(
    (acc, item) => ({ ...acc, [key(item)]: (acc[key(item)] ?? 0) + 1 }),
    {},
  );

test("figures equal the emulator's calls, and every bucket and result drills into the same total", async ({
  apiAs,
  request,
}) => {
  const api = await apiAs("manager");
  const { from, to } = pastWindow(1, 72);
  const got = await insightsFor(api, `from=${iso(from)}&to=${iso(to)}&tz=UTC`);
  const calls = await emulatorCalls(request, from, to);
  const previous = await emulatorCalls(request, from - 72 * 3_600_000, from);
  expect(calls.length).toBeGreaterThan(50);

  expect(got.summary.total).toBe(calls.length);
  // Answered: someone picked up, however the call ended.
  expect(got.summary.answered).toBe(calls.filter((c) => c.acceptedAt !== null).length);
  expect(got.summary.previous.total).toBe(previous.length);
  expect(
    Object.fromEntries(got.results.filter((r) => r.count).map((r) => [r.result, r.count])),
  ).toEqual(count(calls, (c) => c.result));

  for (const r of got.results.filter((x) => x.count)) {
    const q = new URLSearchParams({ from: got.range.from, to: got.range.to, result: r.result });
    expect(await recordsTotal(api, q), r.result).toBe(r.count);
  }
  for (const p of got.series) {
    expect(await recordsTotal(api, new URLSearchParams({ from: p.from, to: p.to })), p.from).toBe(
      p.total,
    );
  }
});

test("support staff are refused the page and the API", async ({ apiAs, browser }) => {
  const support = await apiAs("support");
  const res = await support.get("/api/insights");
  expect(res.status()).toBe(403);
  expect(((await res.json()) as { error: { code: string } }).error.code).toBe("forbidden");
  expect((await (await apiAs(null)).get("/api/insights")).status()).toBe(401);

  const context = await browser.newContext({ storageState: storageStateFor("support") });
  const page = await context.newPage();
  const visit = await page.goto("/insights");
  expect(visit?.status()).toBe(403);
  await context.close();
});

test.describe("the page", () => {
  test.use({ storageState: storageStateFor("manager"), viewport: { width: 1440, height: 900 } });

  test("a figure in the table view and a bar in the chart open the record browser on the same count", async ({
    page,
    apiAs,
  }) => {
    const { from, to } = pastWindow(1, 72);
    const query = `from=${iso(from)}&to=${iso(to)}&tz=UTC`;
    const got = await insightsFor(await apiAs("manager"), query);
    await page.goto(`/insights?${query}`);
    // The first figures of a cold page can take a while on a busy two-core machine.
    await expect(page.getByRole("link", { name: /^Calls: / })).toContainText(
      got.summary.total.toLocaleString("en-US"),
      {
        timeout: 30_000,
      },
    );

    const mix = page.getByRole("region", { name: "Outcome mix" });
    await mix.getByRole("button", { name: "table" }).click();
    // The previous period lies wholly in the index, so it is shown beside each figure.
    await expect(mix.getByRole("columnheader", { name: "Previous period" })).toBeVisible();
    await expect(page.getByRole("link", { name: /^Calls: / })).toContainText("Previous");
    const notAnswered = got.results.find((r) => r.result === "NotAnswer")!;
    await mix
      .getByRole("link", { name: `${notAnswered.count} Not answered calls`, exact: true })
      .click();
    await expect(page).toHaveURL(/\/records\?/);
    await expect.poll(() => shownTotal(page)).toBe(notAnswered.count);

    // A stacked bar segment: whichever was hit, the browser shows that bucket's count of that result.
    await page.goto(`/insights?${query}`);
    const volume = page.getByRole("region", { name: "Calls per day and how they ended" });
    await volume.locator(".recharts-bar-rectangle path").first().click();
    await expect(page).toHaveURL(/\/records\?/);
    const url = new URL(page.url());
    const bucket = got.series.find((p) => p.from === url.searchParams.get("from"))!;
    const result = url.searchParams.get("result")!;
    expect(url.searchParams.get("to")).toBe(bucket.to);
    await expect.poll(() => shownTotal(page)).toBe(bucket.results[result]);
  });

  test("a range whose previous period starts before the index says so, and shows no changes against it", async ({
    page,
    apiAs,
  }) => {
    // The console's first sync read Tencent's last 7 days: the index is complete from there on.
    const api = await apiAs("manager");
    const { coverage } = await insightsFor(api, "tz=UTC");
    const indexed = Date.parse(coverage.completeFrom!);
    expect(indexed).toBeGreaterThan(Date.now() - 8 * 86_400_000);
    // A range inside the index, whose previous period of the same length reaches before it.
    const from = Math.ceil((indexed + 3_600_000) / 60_000) * 60_000;
    const to = Math.floor(Date.now() / 60_000) * 60_000;
    const query = `from=${iso(from)}&to=${iso(to)}&tz=UTC`;

    await page.goto(`/insights?${query}`);
    // "26 Nov 2026, 16:39 (UTC)": the day and the minute the index starts at.
    const [, day, minute] = /^\d{4}-\d{2}-(\d{2})T(\d{2}:\d{2})/.exec(iso(indexed))!;
    await expect(page.getByRole("note", { name: "Index coverage" })).toHaveText(
      new RegExp(
        `^The index holds every call from ${Number(day)} \\w{3} \\d{4}, ${minute} \\(UTC\\) on\\. ` +
          "The previous period starts earlier, so it is only partly counted and no changes are shown\\.$",
      ),
      { timeout: 30_000 },
    );
    // No previous figure anywhere: not on the cards, not in a table.
    const calls = page.getByRole("link", { name: /^Calls: / });
    await expect(calls).toBeVisible();
    await expect(calls).not.toContainText("Previous");
    await expect(page.getByRole("region", { name: "Summary" })).not.toContainText("Previous");
    const mix = page.getByRole("region", { name: "Outcome mix" });
    await mix.getByRole("button", { name: "table" }).click();
    await expect(mix.getByRole("columnheader", { name: "Share" })).toBeVisible();
    await expect(mix.getByRole("columnheader", { name: "Previous period" })).toHaveCount(0);
    const failed = page.getByRole("region", { name: "Users with the most failed calls" });
    await failed.getByRole("button", { name: "table" }).click();
    await expect(failed.getByRole("columnheader", { name: "Failed calls" })).toBeVisible();
    await expect(failed.getByRole("columnheader", { name: "Previous period" })).toHaveCount(0);
  });

  for (const colorScheme of ["light", "dark"] as const) {
    test(`screenshot in the ${colorScheme} theme`, async ({ page }) => {
      // Reduced motion: Recharts then draws the final bars at once (its 'auto' animation setting
      // follows the preference), so the picture is never caught mid-animation.
      await page.emulateMedia({ colorScheme, reducedMotion: "reduce" });
      await page.goto("/insights?tz=UTC");
      await expect(page.getByRole("region", { name: "Ring time" })).toBeVisible({
        timeout: 30_000,
      });
      await expect(page.locator(".recharts-bar-rectangle").first()).toBeVisible();
      await page.screenshot({
        path: `e2e/screenshots/insights-${colorScheme}.png`,
        fullPage: true,
      });
    });
  }
});
