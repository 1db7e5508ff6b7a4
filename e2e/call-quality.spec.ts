import { expect, storageStateFor, test } from "./fixtures";
import { CallDetailPage, EmulatorControl } from "./pages/call-detail-page";

// The call page's Quality section in demo mode: the embedded emulator serves TRTC's monitoring
// (Cloud API, signed and verified) for scripted calls whose networks the script sets.
test.use({ storageState: storageStateFor("support"), viewport: { width: 1280, height: 900 } });

const MIN = 60_000;

test("an interrupted call: the participant whose network failed is poor, with charts, a table and the sentence", async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const call = await new EmulatorControl(request).script({
    caller: "e2e-q-alice",
    callees: ["e2e-q-bob"],
    startedAt: Date.now() - 20 * MIN,
    acceptAfterMs: 5_000,
    endAfterMs: 5_000 + 2 * MIN,
    result: "Interrupt",
    endedBy: "e2e-q-bob",
    mediaType: "video",
    members: [
      {
        userId: "e2e-q-bob",
        outcome: "accepted",
        actedAfterMs: 5_000,
        quality: { direction: "down", lossPct: 31, lastSeconds: 12 },
      },
    ],
    quality: { "e2e-q-alice": "good" },
  });
  const detail = new CallDetailPage(page);
  await detail.goto(call.callId);
  const section = page.getByRole("region", { name: "Quality" });
  const bob = section
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { name: "e2e-q-bob" }) });
  const alice = section
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { name: "e2e-q-alice" }) });
  await expect(bob.getByTestId("quality-verdict")).toHaveText("Poor", { timeout: 30_000 });
  await expect(alice.getByTestId("quality-verdict")).toHaveText("Good");
  await expect(bob.getByTestId("quality-sentence")).toHaveText(
    /^e2e-q-bob's downstream loss rose to 31 % for 1[2-4] s before they dropped\.$/,
  );
  // Support sees the client's network, not its address.
  await expect(bob.getByText(/^\d+\.\d+\.\d+\.x$/)).toBeVisible();

  // The charts are drawn (lazily loaded), and each has a table view a keyboard can reach.
  const loss = bob.getByRole("region", { name: "Packet loss (%)" });
  await expect(loss.locator(".recharts-line").first()).toBeVisible({ timeout: 20_000 });
  await expect(bob.getByRole("region", { name: "Bitrate (kbit/s)" })).toBeVisible();
  await expect(bob.getByRole("region", { name: "Frame rate (fps)" })).toBeVisible();
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "e2e/screenshots/call-quality.png", fullPage: true });

  const tableButton = loss.getByRole("button", { name: "table" });
  await tableButton.focus();
  await page.keyboard.press("Enter");
  await expect(tableButton).toHaveAttribute("aria-pressed", "true");
  const table = loss.getByRole("table");
  await expect(
    table.getByRole("row").filter({ hasText: "Congested (over 10 %)" }).first(),
  ).toBeVisible();
  await expect(
    table.getByRole("row").filter({ hasText: "Good (under 2 %)" }).first(),
  ).toBeVisible();
  await loss.screenshot({ path: "e2e/screenshots/call-quality-table.png" });

  // The ticket text carries the verdicts and the sentence.
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  const ticket = await new CallDetailPage(page).copyTicketText();
  expect(ticket).toContain("Quality (TRTC monitoring):");
  expect(ticket).toMatch(/- e2e-q-bob: Poor\. e2e-q-bob's downstream loss rose to 31 %/);
});

test("a good call shows everyone good", async ({ page, request }) => {
  test.setTimeout(60_000);
  const call = await new EmulatorControl(request).script({
    caller: "e2e-q-carol",
    callees: ["e2e-q-dave"],
    startedAt: Date.now() - 15 * MIN,
    acceptAfterMs: 4_000,
    endAfterMs: 64_000,
    result: "NormalEnd",
    endedBy: "e2e-q-carol",
    members: [{ userId: "e2e-q-dave", outcome: "accepted", actedAfterMs: 4_000 }],
    quality: { "e2e-q-carol": "good", "e2e-q-dave": "good" },
  });
  await new CallDetailPage(page).goto(call.callId);
  const section = page.getByRole("region", { name: "Quality" });
  await expect(section.getByTestId("quality-verdict")).toHaveText(["Good", "Good"], {
    timeout: 30_000,
  });
  await expect(section.getByTestId("quality-sentence")).toHaveText([
    "e2e-q-carol's network was good throughout (loss under 2 %).",
    "e2e-q-dave's network was good throughout (loss under 2 %).",
  ]);

  // What each app reported is folded away and opens from the keyboard, on the call's clock.
  const dave = section
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { name: "e2e-q-dave" }) });
  const events = dave.getByTestId("quality-client-events");
  await events.getByText(/^Client events \(\d+\)$/).focus();
  await page.keyboard.press("Enter");
  const entered = events.getByRole("listitem").filter({ hasText: "Entered the room" });
  await expect(entered).toHaveText(/^\+0:0\d\s*Entered the room$/);
  await expect(events.getByRole("listitem").filter({ hasText: "Left the room" })).toBeVisible();
});
