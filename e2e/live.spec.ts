import { expect, storageStateFor, test } from "./fixtures";
import { E2E } from "./settings";

// /live in demo mode: the console has pointed the emulator's callbacks at itself at start, so a
// scripted live call reaches the page through the real receiver, and leaves it when it ends.

const emulator = `http://127.0.0.1:${E2E.emulatorPort}/__emulator`;

test.use({ storageState: storageStateFor("support") });

test("a scripted live group call appears within 2 s with each person's status, and leaves when it ends", async ({
  page,
  request,
  shell,
  apiAs,
}) => {
  // Demo mode configures the callbacks in the background at start.
  await expect
    .poll(async () => {
      const res = await request.get(`${emulator}/callbacks`);
      return ((await res.json()) as { v4: unknown }).v4 !== null;
    })
    .toBe(true);

  await page.goto("/live");
  await expect(page.getByRole("heading", { level: 1, name: "Live calls" })).toBeVisible();
  await expect(shell.navLink("Live")).toHaveAttribute("aria-current", "page");
  // The list has been read once before the call starts.
  await expect(page.getByRole("status").filter({ hasText: "in progress" })).toBeVisible();

  const created = await request.post(`${emulator}/calls`, {
    data: {
      caller: "e2e-live-alice",
      callees: ["e2e-live-bob", "e2e-live-carol", "e2e-live-dave"],
      live: true,
      mediaType: "video",
      members: [
        { userId: "e2e-live-bob", outcome: "accepted", actedAfterMs: 1_000 },
        { userId: "e2e-live-carol", outcome: "rejected", actedAfterMs: 1_500 },
        { userId: "e2e-live-dave", outcome: "offline", actedAfterMs: 120_000 },
      ],
    },
  });
  const startedAt = Date.now();
  expect(created.status()).toBe(201);
  const { callId } = (await created.json()) as { callId: string };

  const card = page.locator(`[data-testid=live-call][data-call-id="${callId}"]`);
  await expect(card).toBeVisible({ timeout: 2_000 });
  test.info().annotations.push({
    type: "callback to /live",
    description: `${Date.now() - startedAt} ms`,
  });
  await expect(card.getByRole("heading")).toContainText("e2e-live-alice");
  await expect(card.getByRole("heading")).toContainText("e2e-live-dave");
  await expect(card).toContainText("Group");
  await expect(card).toContainText("Video");

  const status = (userId: string) =>
    card.getByRole("listitem").filter({ hasText: userId }).getByTestId("live-status");
  await expect(status("e2e-live-bob")).toHaveText("Calling (in the call)");
  await expect(status("e2e-live-carol")).toHaveText("Declined");
  await expect(status("e2e-live-dave")).toHaveText("Waiting (ringing)");
  await expect(status("e2e-live-alice")).toHaveText("Calling (in the call)");
  await expect(shell.navLink("Live").getByTestId("live-count")).not.toHaveText("0");
  await expect(shell.navLink("Live")).toHaveAccessibleDescription(/^[1-9]\d* calls? in progress$/);

  // The duration ticks by itself.
  const duration = card.locator("time").first();
  const first = await duration.textContent();
  await expect(duration).not.toHaveText(first ?? "", { timeout: 3_000 });

  await page.screenshot({ path: "e2e/screenshots/live.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "e2e/screenshots/live-phone.png", fullPage: true });

  // Keyboard: the call's detail link is reachable and opens the permalink.
  await card.getByRole("link", { name: `Call detail of call ${callId}` }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(`/calls/${encodeURIComponent(callId)}`);
  await page.goBack();

  // Ended by an admin: the end callback takes it off the list, and the count follows.
  await expect(card).toBeVisible();
  const admin = await apiAs("admin");
  expect(
    (await admin.post(`/api/calls/${encodeURIComponent(callId)}/end`, { data: {} })).status(),
  ).toBe(200);
  await expect(card).toHaveCount(0, { timeout: 5_000 });
});
