import { expect, storageStateFor, test } from "./fixtures";
import { iso, pastWindow, waitForIndex } from "./records-helpers";

// GET /api/records/export: the whole filtered result as CSV, for managers and admins only.

test.beforeAll(async ({ playwright }) => {
  const { E2E } = await import("./settings");
  const api = await playwright.request.newContext({
    baseURL: E2E.baseUrl,
    storageState: storageStateFor("manager"),
  });
  await waitForIndex(api);
  await api.dispose();
});

test("the export has one row per call in the list's total, in the same order, zone in the header", async ({
  apiAs,
}) => {
  const api = await apiAs("manager");
  const { from, to } = pastWindow(2, 96);
  const params = `from=${iso(from)}&to=${iso(to)}&result=NormalEnd,Interrupt&sort=-talkSeconds`;
  const list = (await (await api.get(`/api/records?${params}&pageSize=200`)).json()) as {
    total: number;
    items: { callId: string }[];
  };
  expect(list.total).toBeGreaterThan(200); // more than one page: the export is not just the visible page

  const res = await api.get(`/api/records/export?${params}&page=3&pageSize=10&tz=Asia/Shanghai`);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(res.headers()["content-disposition"]).toMatch(
    /^attachment; filename="call-records-.*\.csv"$/,
  );
  const lines = (await res.text()).split("\r\n");
  expect(lines.pop()).toBe("");
  expect(lines[0]).toContain("started_at (Asia/Shanghai)");
  expect(lines.length - 1).toBe(list.total);
  expect(lines.slice(1, 201).map((l) => l.split(",")[0])).toEqual(list.items.map((i) => i.callId));
});

test("support cannot export; bad parameters get a 422 naming the field", async ({ apiAs }) => {
  const support = await apiAs("support");
  const denied = await support.get("/api/records/export");
  expect(denied.status()).toBe(403);
  expect(((await denied.json()) as { error: { code: string } }).error.code).toBe("forbidden");
  const signedOut = await apiAs(null);
  expect((await signedOut.get("/api/records/export")).status()).toBe(401);

  const manager = await apiAs("manager");
  for (const [query, message] of [
    ["tz=Nowhere/Land", "tz: must be UTC or an IANA time zone"],
    ["tz=local", "tz: name the zone"],
    ["from=2026-13-01", "from: must be an ISO 8601 time"],
    ["from=2026-11-21T00:00:00Z&to=2026-11-20T00:00:00Z", "to: must be after from"],
  ] as const) {
    const res = await manager.get(`/api/records/export?${query}`);
    expect(res.status(), query).toBe(422);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(message);
  }
});

test.describe("the export button", () => {
  test.use({ storageState: storageStateFor("manager") });
  test("downloads the CSV of the filters on screen", async ({ page }) => {
    const { from, to } = pastWindow(2, 24);
    await page.goto(`/records?from=${iso(from)}&to=${iso(to)}&media=audio&tz=UTC`);
    const total = Number(
      (await page.getByTestId("records-total").textContent())!.replace(/,/g, ""),
    );
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export CSV" }).click();
    const file = await download;
    const text = await (
      await file.createReadStream()
    )
      .toArray()
      .then((chunks) => Buffer.concat(chunks).toString("utf8"));
    const lines = text.split("\r\n").filter(Boolean);
    expect(lines[0]).toContain("started_at (UTC)");
    expect(lines.length - 1).toBe(total);
  });
});

test.describe("as support", () => {
  test.use({ storageState: storageStateFor("support") });
  test("there is no export button", async ({ page }) => {
    await page.goto("/records");
    await expect(page.getByTestId("records-total")).toBeVisible();
    await expect(page.getByRole("link", { name: "Export CSV" })).toHaveCount(0);
  });
});
