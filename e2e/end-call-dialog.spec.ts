import { expect, storageStateFor, test } from "./fixtures";
import { CallDetailPage, EmulatorControl } from "./pages/call-detail-page";

// Ending a live call from the keyboard: the confirmation keeps focus, Escape cancels, and once the
// call is ended the page says who ended it from the console and when, also after a reload.
test.use({ storageState: storageStateFor("admin"), viewport: { width: 1280, height: 900 } });

test("the confirmation traps focus, starts on Cancel, Escape cancels and focus returns to End call", async ({
  page,
  request,
}) => {
  const emulator = new EmulatorControl(request);
  const call = await emulator.script({
    caller: "e2e-kbd-a",
    callees: ["e2e-kbd-b"],
    live: true,
    acceptAfterMs: 1_000,
  });
  const detail = new CallDetailPage(page);
  await detail.goto(call.callId);
  await expect(detail.participantCell("e2e-kbd-b")).toHaveText("Calling (in the call)");

  await detail.endCall.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("alertdialog", { name: "End this call?" });
  await expect(dialog).toContainText("End this call for every participant?");
  const cancel = dialog.getByRole("button", { name: "Cancel" });
  await expect(cancel).toBeFocused();
  // Tab and Shift+Tab cycle inside the dialog only.
  await page.keyboard.press("Tab");
  await expect(detail.confirmEnd).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(cancel).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await expect(detail.confirmEnd).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await expect(cancel).toBeFocused();

  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(detail.endCall).toBeFocused();
  expect((await emulator.call(call.callId)).state).toBe("live");

  // Cancel by button returns focus the same way.
  await page.keyboard.press("Enter");
  await expect(cancel).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog).toHaveCount(0);
  await expect(detail.endCall).toBeFocused();
  expect((await emulator.call(call.callId)).state).toBe("live");
});

test("after ending, the page says it was ended from the console, by whom and when, also after a reload", async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const emulator = new EmulatorControl(request);
  const call = await emulator.script({
    caller: "e2e-ended-a",
    callees: ["e2e-ended-b"],
    live: true,
    acceptAfterMs: 1_000,
  });
  const detail = new CallDetailPage(page);
  await detail.goto(call.callId);
  await expect(detail.participantCell("e2e-ended-b")).toHaveText("Calling (in the call)");
  await detail.endCall.click();
  await detail.confirmEnd.click();
  await expect.poll(async () => (await emulator.call(call.callId)).state).toBe("ended");

  const notice = page.getByRole("status", { name: "Ended from the console" });
  await expect(notice).toContainText("admin@example.com ended this call from the console at");
  await expect(notice.locator("time")).toHaveAttribute("datetime", /^\d{4}-\d{2}-\d{2}T/);

  // Straight after a reload (the record may not be written yet) and once the record is in.
  await page.reload();
  await expect(notice).toContainText("admin@example.com");
  await expect(detail.state.getByTitle("NormalEnd")).toBeVisible({ timeout: 30_000 });
  await expect(notice).toContainText("admin@example.com ended this call from the console at");
  await page.reload();
  await expect(detail.state.getByTitle("NormalEnd")).toBeVisible();
  await expect(notice).toContainText("admin@example.com");
});
