import { expect, storageStateFor, test } from "./fixtures";
import { E2E } from "./settings";

// The callback configuration page in demo mode: the console has pointed the emulator at itself at
// start; an admin can remove and restore each generation, and sees Tencent's refusals in full.

const emulator = `http://127.0.0.1:${E2E.emulatorPort}/__emulator`;

type EmulatorCallbacks = {
  v4: { Url: string } | null;
  v1: { address: string } | null;
};

test.describe("as admin", () => {
  test.use({ storageState: storageStateFor("admin") });

  // Later specs rely on demo mode's callbacks: leave both generations pointing here.
  test.afterAll(async ({ apiAs }) => {
    const api = await apiAs("admin");
    await api.put("/api/admin/callbacks", { data: { generations: ["v4", "v1"] } });
  });

  test("shows both generations pointing here, removes one and points it back", async ({
    page,
    shell,
    request,
  }) => {
    await page.goto("/admin/callbacks");
    await expect(page.getByRole("heading", { level: 1, name: "Callbacks" })).toBeVisible();
    await expect(shell.navLink("Callbacks")).toHaveAttribute("aria-current", "page");
    const v4 = page.getByRole("region", { name: "v4 callbacks" });
    const v1 = page.getByRole("region", { name: "v1 callbacks" });
    for (const card of [v4, v1]) {
      await expect(card.getByRole("status")).toHaveText("Points at this console");
    }
    await expect(v4.getByRole("list", { name: "v4 events sent" })).toContainText(
      "Call.CallbackAfterMemberChanged",
    );

    // The token is hidden until asked for.
    const url = page.getByTestId("receiver-url");
    await expect(url).toContainText("/api/tencent/callbacks/");
    await expect(url).toContainText("••••");
    await page.screenshot({ path: "e2e/screenshots/admin-callbacks.png", fullPage: true });
    await page.getByRole("button", { name: "Reveal token" }).click();
    await expect(url).toHaveText(/\/api\/tencent\/callbacks\/[A-Za-z0-9_-]{40,}$/);
    const receiverUrl = (await url.textContent())!;

    await v1.getByRole("button", { name: "Remove" }).click();
    const dialog = v1.getByRole("alertdialog");
    await expect(dialog).toContainText("Remove the v1 callback configuration?");
    await dialog.getByRole("button", { name: "Yes, remove" }).click();
    await expect(v1.getByRole("status")).toHaveText("Not configured");
    await expect(v4.getByRole("status")).toHaveText("Points at this console");
    let truth = (await (await request.get(`${emulator}/callbacks`)).json()) as EmulatorCallbacks;
    expect(truth.v1).toBeNull();

    await v1.getByRole("button", { name: "Point Tencent here" }).click();
    await expect(v1.getByRole("status")).toHaveText("Points at this console");
    truth = (await (await request.get(`${emulator}/callbacks`)).json()) as EmulatorCallbacks;
    expect(truth.v1?.address).toBe(receiverUrl);
    expect(truth.v4?.Url).toBe(receiverUrl);
  });

  test("a failing generation shows Tencent's code and RequestId while the other answers", async ({
    page,
    request,
  }) => {
    await request.post(`${emulator}/faults`, {
      data: { errorRate: 1, errorCode: 50001, onlyPaths: ["/v1/callback/"] },
    });
    try {
      await page.goto("/admin/callbacks");
      const v1 = page.getByRole("region", { name: "v1 callbacks" });
      await expect(v1.getByRole("alert")).toContainText(
        "The app has no TUICallKit Group Call package (error 50001)",
      );
      await expect(v1.getByTestId("upstream-request-id")).toHaveText(/^[0-9a-f]{32}$/);
      await expect(
        page.getByRole("region", { name: "v4 callbacks" }).getByRole("status"),
      ).toHaveText("Points at this console");
      await page.screenshot({ path: "e2e/screenshots/admin-callbacks-error.png", fullPage: true });
    } finally {
      await request.delete(`${emulator}/faults`);
    }
  });
});

test.describe("as support", () => {
  test.use({ storageState: storageStateFor("support") });

  test("cannot open the page or read the configuration", async ({ page, apiAs }) => {
    const res = await page.goto("/admin/callbacks");
    expect(res?.status()).toBe(403);
    const api = await apiAs("support");
    expect((await api.get("/api/admin/callbacks")).status()).toBe(403);
    expect(
      (await api.put("/api/admin/callbacks", { data: { generations: ["v4"] } })).status(),
    ).toBe(403);
  });
});
