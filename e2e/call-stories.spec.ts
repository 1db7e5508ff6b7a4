import { expect, storageStateFor, test } from "./fixtures";
import { CallDetailPage, EmulatorControl } from "./pages/call-detail-page";

// Each person's story on call detail, from Tencent's callbacks: demo mode points the emulator's
// callbacks at the console, so a scripted call's events arrive as they would from Tencent.
test.use({ storageState: storageStateFor("support"), viewport: { width: 1280, height: 900 } });

const storyOf = (page: CallDetailPage, userId: string) =>
  page.page.getByRole("list", { name: `What happened to ${userId}` }).getByRole("listitem");

test("a live group call: one accepts, one declines, one is unreachable — each callee's story reads the same live and after the record", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const call = await new EmulatorControl(request).script({
    caller: "e2e-story-a",
    callees: ["e2e-story-b", "e2e-story-c", "e2e-story-d"],
    live: true,
    acceptAfterMs: 6_000,
    endAfterMs: 40_000,
    endedBy: "e2e-story-b",
    members: [
      { userId: "e2e-story-b", outcome: "accepted", actedAfterMs: 6_000 },
      { userId: "e2e-story-c", outcome: "rejected", actedAfterMs: 3_000 },
      { userId: "e2e-story-d", outcome: "offline" },
    ],
  });
  const detail = new CallDetailPage(page);
  await detail.goto(call.callId);
  await expect(detail.state.getByText("Live")).toBeVisible();
  await expect(detail.participantCell("e2e-story-c")).toHaveText("Declined", { timeout: 20_000 });
  await expect(detail.participantCell("e2e-story-b")).toHaveText("Calling (in the call)", {
    timeout: 20_000,
  });
  await expect(storyOf(detail, "e2e-story-c")).toHaveText([
    /^\+0:00\s*invited$/,
    /^\+0:00\s*invitation reached the device$/,
    /^\+0:03\s*declined$/,
  ]);
  await page.screenshot({ path: "e2e/screenshots/call-stories-live.png", fullPage: true });

  // The call ends at 40 s and its record lands about 5 s later; the page follows on its own.
  await expect(detail.state.getByTitle("NormalEnd")).toBeVisible({ timeout: 70_000 });
  expect(await detail.participantRows()).toEqual([
    ["e2e-story-a", "Caller", "Talked"],
    ["e2e-story-b", "Callee", "Talked"],
    ["e2e-story-c", "Callee", "Declined"],
    ["e2e-story-d", "Callee", "Unreachable (the invitation never reached the device)"],
  ]);
  await expect(storyOf(detail, "e2e-story-b")).toHaveText([
    /^\+0:00\s*invited$/,
    /^\+0:00\s*invitation reached the device$/,
    /^\+0:06\s*accepted$/,
    /^\+0:40\s*hung up$/,
  ]);
  // The invitation never reached d's device: no "reached the device" step, whatever came after.
  await expect(storyOf(detail, "e2e-story-d").first()).toHaveText(/^\+0:00\s*invited$/);
  await expect(storyOf(detail, "e2e-story-d")).not.toContainText(["invitation reached the device"]);
  await expect(page.getByTestId("ended-by")).toContainText("Ended by");
  await page.setViewportSize({ width: 390, height: 844 });
  // On a phone the outcomes wrap: nothing in the participants table is cut off or scrolled away.
  const participants = page.getByRole("table", { name: "Participants" });
  await expect
    .poll(() =>
      participants.evaluate((t) => t.parentElement!.scrollWidth - t.parentElement!.clientWidth),
    )
    .toBe(0);
  await page.screenshot({ path: "e2e/screenshots/call-stories-phone.png", fullPage: true });
});
