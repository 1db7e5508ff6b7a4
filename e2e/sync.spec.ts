import { expect, storageStateFor, test } from "./fixtures";

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
    // The pass runs and the request is cleared: the button comes back.
    await expect(panel.getByRole("button", { name: "Sync now" })).toBeEnabled({ timeout: 60_000 });
    await expect(panel.getByRole("status")).toHaveText(/Synced/);
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
