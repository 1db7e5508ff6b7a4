import { expect, storageStateFor, test } from "./fixtures";
import { E2E } from "./settings";

// The record index page: admins see the sync's state and can start a pass; nobody else sees the
// button, and the API refuses them whatever the page shows.

test.describe("as admin", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("shows the sync's state and starts a pass with Sync now", async ({ page }) => {
    await page.goto("/admin/sync");
    await expect(page.getByRole("heading", { level: 1, name: "Record index" })).toBeVisible();
    const panel = page.getByRole("region", { name: "Record index sync" });
    await expect(panel.getByRole("status")).toHaveText(/Synced|Indexing the last 7 days/, {
      timeout: 60_000,
    });
    await expect(panel.getByText("Calls indexed")).toBeVisible();

    const syncNow = panel.getByRole("button", { name: "Sync now" });
    await expect(syncNow).toBeEnabled({ timeout: 30_000 });
    const posted = page.waitForResponse(
      (r) => r.url().endsWith("/api/sync") && r.request().method() === "POST",
    );
    await syncNow.click();
    expect([200, 202]).toContain((await posted).status());
    // While the pass is asked for or running, the line and the button say the same thing.
    const status = panel.getByRole("status");
    const busy = panel.getByRole("button", { name: "Syncing…" });
    await expect(status).toHaveText(/Requesting a sync|Sync queued|Syncing now|Sync finished/);
    // Then one answer: finished, with counts, and the button back.
    await expect(status).toHaveText(/^Sync finished .* · [\d,]+ calls indexed, [\d,]+ written/, {
      timeout: 60_000,
    });
    await expect(panel.getByRole("button", { name: "Sync now" })).toBeEnabled();
    await expect(busy).toHaveCount(0);
  });

  test("the line and the button agree at every moment of a pass, and a failed pass names Tencent's code", async ({
    page,
    request,
  }) => {
    test.setTimeout(120_000);
    await page.goto("/admin/sync");
    const panel = page.getByRole("region", { name: "Record index sync" });
    const status = panel.getByRole("status");
    const button = panel.getByRole("button", { name: /^(Sync now|Syncing…)$/ });
    await expect(panel.getByRole("button", { name: "Sync now" })).toBeEnabled({ timeout: 60_000 });

    // Samples the panel in the page itself, so each sample is one consistent moment.
    const sample = () =>
      page.evaluate(() => {
        const region = document.querySelector('[aria-label="Record index sync"]');
        const line = region?.querySelector('[role="status"]')?.textContent ?? "";
        const btn = region?.querySelector("button");
        return { line, button: btn?.textContent ?? "", disabled: btn?.disabled ?? false };
      });
    const faults = `http://127.0.0.1:${E2E.emulatorPort}/__emulator/faults`;
    await request.post(faults, {
      data: {
        errorRate: 1,
        onlyPaths: [
          "/v4/call_record_http_srv/get_record_by_filter",
          "/v1/records/get_records_by_filter",
        ],
      },
    });
    try {
      await button.click();
      const seen: { line: string; button: string; disabled: boolean }[] = [];
      await expect
        .poll(
          async () => {
            const now = await sample();
            seen.push(now);
            return now.line;
          },
          { timeout: 60_000, intervals: [100] },
        )
        .toMatch(/^Sync failed/);
      for (const s of seen) {
        const busy = /Requesting a sync|Sync queued|Syncing now/.test(s.line);
        expect(s.disabled, JSON.stringify(s)).toBe(busy);
        expect(s.button, JSON.stringify(s)).toBe(busy ? "Syncing…" : "Sync now");
      }
      await expect(status).toContainText(/101001|99999/);
    } finally {
      await request.delete(faults);
    }
    // With Tencent back, the next pass clears the failure (a backoff retry may be running first).
    await expect(panel.getByRole("button", { name: "Sync now" })).toBeEnabled({ timeout: 30_000 });
    await panel.getByRole("button", { name: "Sync now" }).click();
    await expect(status).toHaveText(/^Sync finished/, { timeout: 60_000 });
    await expect(panel.getByRole("alert")).toHaveCount(0);
  });
});

test.describe("as admin, with v1 refusing", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("a generation Tencent keeps refusing is named with its code while the other syncs", async ({
    page,
    request,
  }) => {
    test.setTimeout(120_000);
    await page.goto("/admin/sync");
    const panel = page.getByRole("region", { name: "Record index sync" });
    const syncNow = panel.getByRole("button", { name: "Sync now" });
    await expect(syncNow).toBeEnabled({ timeout: 60_000 });
    const faults = `http://127.0.0.1:${E2E.emulatorPort}/__emulator/faults`;
    // No Group Call package: every v1 request answers 50001.
    await request.post(faults, { data: { errorRate: 1, errorCode: 50001, onlyPaths: ["/v1/"] } });
    try {
      await syncNow.click();
      await expect(panel.getByRole("status")).toHaveText(/^Sync finished/, { timeout: 60_000 });
      await expect(panel.getByRole("alert")).toContainText(
        "v1 records unavailable: Tencent answered 50001",
      );
    } finally {
      await request.delete(faults);
    }
    // Back again: the next pass backfills v1 and the notice goes.
    await expect(syncNow).toBeEnabled({ timeout: 30_000 });
    await syncNow.click();
    await expect(panel.getByRole("status")).toHaveText(/^Sync finished/, { timeout: 90_000 });
    await expect(panel.getByRole("alert")).toHaveCount(0);
  });
});

test.describe("as admin, with a call Tencent counts but never lists", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("a slice Tencent counts but never lists in full is shown with both counts until a pass reads it", async ({
    page,
    request,
  }) => {
    test.setTimeout(150_000);
    await page.goto("/admin/sync");
    const panel = page.getByRole("region", { name: "Record index sync" });
    const syncNow = panel.getByRole("button", { name: "Sync now" });
    await expect(syncNow).toBeEnabled({ timeout: 60_000 });
    const emulator = `http://127.0.0.1:${E2E.emulatorPort}/__emulator`;
    // A new call Tencent's filters count but never list: its slice stays short of the count.
    const created = await request.post(`${emulator}/calls`, {
      data: { caller: "short_a", callees: ["short_b"] },
    });
    const { callId } = (await created.json()) as { callId: string };
    await request.post(`${emulator}/faults`, { data: { hiddenCallIds: [callId] } });
    const incomplete = panel.getByRole("alert").filter({ hasText: "incomplete" });
    try {
      await syncNow.click();
      await expect(panel.getByRole("status")).toHaveText(/^Sync finished/, { timeout: 60_000 });
      await expect(incomplete).toContainText("2 slices are incomplete");
      await expect(incomplete.getByRole("listitem")).toHaveText([
        /^v1 .* UTC – .* UTC: 0 of 1 calls$/,
        /^v4 .* UTC – .* UTC: 0 of 1 calls$/,
      ]);
      await page.screenshot({ path: "e2e/screenshots/sync-incomplete.png", fullPage: true });
      // The health check lists them too, and stays ok: the index still serves.
      const health = await (await request.get("/api/health")).json();
      expect(health.status).toBe("ok");
      expect(health.sync.incomplete).toEqual([
        expect.objectContaining({ generation: "v1", expected: 1, got: 0 }),
        expect.objectContaining({ generation: "v4", expected: 1, got: 0 }),
      ]);
    } finally {
      await request.delete(`${emulator}/faults`);
    }
    // Listed in full again: the next pass reads the slices and the notice goes.
    await expect(syncNow).toBeEnabled({ timeout: 30_000 });
    await syncNow.click();
    await expect(panel.getByRole("status")).toHaveText(/^Sync finished/, { timeout: 90_000 });
    await expect(incomplete).toHaveCount(0);
  });
});

test.describe("as manager", () => {
  test.use({ storageState: storageStateFor("manager") });

  test("cannot open the page or start a pass", async ({ page, apiAs }) => {
    const res = await page.goto("/admin/sync");
    expect(res?.status()).toBe(403);
    await expect(page.getByRole("button", { name: "Sync now" })).toHaveCount(0);
    const api = await apiAs("manager");
    const refused = await api.post("/api/sync", { data: {} });
    expect(refused.status()).toBe(403);
  });
});
