import { demoEmail, expect, storageStateFor, test } from "./fixtures";
import { CallDetailPage, EmulatorControl, type EmulatorCall } from "./pages/call-detail-page";
import { LoginPage } from "./pages/login-page";
import { waitUntilIndexed } from "./records-helpers";
import { E2E } from "./settings";

// Call lookup and the call permalink against the real launcher and the emulator. The tests of a
// file run one after another in one worker, so the fault test cannot disturb its neighbours; its
// faults are also limited to the by-ID record paths.
// A viewer east of UTC, so that times show in both the viewer's zone and UTC.
test.use({
  storageState: storageStateFor("support"),
  viewport: { width: 1280, height: 900 },
  timezoneId: "Asia/Shanghai",
});

const OUTCOME_BY_RESULT: Record<string, [caller: string, callee: string]> = {
  NormalEnd: ["Talked", "Talked"],
  Cancel: ["Cancelled the call", "Missed (rang, not answered)"],
  Reject: ["Declined by the callee", "Declined"],
  NotAnswer: ["No answer (nobody picked up)", "Missed (rang, not answered)"],
  CallBusy: ["Callee busy on another call", "Busy on another call"],
  Interrupt: ["Dropped (connection lost)", "Dropped (connection lost)"],
  Offline: ["Dropped (connection lost)", "Dropped (connection lost)"],
};

let emulator: EmulatorControl;
test.beforeEach(({ request }) => {
  emulator = new EmulatorControl(request);
});
test.afterAll(async ({ request }) => {
  await new EmulatorControl(request).faults(null);
});

test("looks up a call found through the emulator and shows its participants as the emulator has them", async ({
  page,
}) => {
  const calls = await emulator.calls();
  const call = calls.find(
    (c) =>
      c.state === "ended" &&
      c.recordVisible &&
      c.callType === "single" &&
      c.generations.includes("v4") &&
      c.generations.includes("v1"),
  ) as EmulatorCall;
  expect(call, "the emulator has an ended 1-to-1 call in the window").toBeTruthy();

  const detail = new CallDetailPage(page);
  await page.goto("/");
  await detail.lookUp(`  Call ID: ${call.callId}  `);
  await expect(page).toHaveURL(`/calls/${encodeURIComponent(call.callId)}`);
  await expect(detail.heading).toHaveText(call.callId);
  await expect(detail.state.getByTitle(call.result)).toBeVisible();

  const [callerOutcome, calleeOutcome] = OUTCOME_BY_RESULT[call.result]!;
  expect(await detail.participantRows()).toEqual([
    [call.caller, "Caller", callerOutcome],
    ...call.callees.map((id) => [id, "Callee", calleeOutcome]),
  ]);
  await expect(
    page.getByText(call.mediaType === "video" ? "Video" : "Audio", { exact: true }),
  ).toBeVisible();
  await expect(page.getByRole("region", { name: "What this result means" })).toContainText(
    "What to check next",
  );
  // v4's record and live status, and v1's record unless the record index already held its copy.
  const v1FromIndex = (await page.getByText("the record index's copy").count()) > 0;
  await expect(detail.requestIds.getByRole("listitem")).toHaveCount(v1FromIndex ? 2 : 3);

  await expect(page.getByText(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d GMT\+8$/).first()).toBeVisible();
  await page.getByText("Raw upstream payloads").click();
  await expect(page.getByTestId("raw-payloads")).toContainText(`"CallId": "${call.callId}"`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: "e2e/screenshots/call-ended.png", fullPage: true });
});

test("a live call turns from Waiting to Calling and then into the ended call without a reload", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const call = await emulator.script({
    caller: "e2e-live-caller",
    callees: ["e2e-live-callee"],
    live: true,
    mediaType: "video",
    acceptAfterMs: 20_000,
    endAfterMs: 32_000,
  });
  const detail = new CallDetailPage(page);
  let loads = 0;
  page.on("load", () => loads++);
  await detail.goto(call.callId);
  await expect(detail.state.getByText("Live")).toBeVisible();
  // What the page shows is what the emulator's call engine says right now.
  expect((await emulator.call(call.callId)).members.map((m) => [m.userId, m.status])).toEqual([
    ["e2e-live-caller", "Calling"],
    ["e2e-live-callee", "Waiting"],
  ]);
  await expect(detail.participantCell("e2e-live-callee")).toHaveText("Waiting (ringing)");
  await expect(detail.participantCell("e2e-live-caller")).toHaveText(
    "Calling (waiting for an answer)",
  );
  await page.screenshot({ path: "e2e/screenshots/call-live.png", fullPage: true });

  await expect(detail.participantCell("e2e-live-callee")).toHaveText("Calling (in the call)", {
    timeout: 30_000,
  });
  expect((await emulator.call(call.callId)).members.map((m) => m.status)).toEqual([
    "Calling",
    "Calling",
  ]);
  // The call ends at 32 s and Tencent's record appears 5 s later; the page follows on its own.
  await expect(detail.state.getByTitle("NormalEnd")).toBeVisible({ timeout: 40_000 });
  await expect(detail.state.getByText("Live")).toHaveCount(0);
  await expect(detail.participantCell("e2e-live-callee")).toHaveText("Talked");
  await expect(page.getByTestId("talk-time")).toHaveText("12s");
  expect(loads).toBe(1);
});

test("in a live group call, a callee who declines stays listed as having declined", async ({
  page,
}) => {
  const call = await emulator.script({
    caller: "e2e-group-a",
    callees: ["e2e-group-b", "e2e-group-c"],
    live: true,
    acceptAfterMs: 600_000,
    members: [
      { userId: "e2e-group-b", outcome: "accepted", actedAfterMs: 600_000 },
      { userId: "e2e-group-c", outcome: "rejected", actedAfterMs: 8_000 },
    ],
  });
  const detail = new CallDetailPage(page);
  await detail.goto(call.callId);
  await expect(detail.participantCell("e2e-group-c")).toHaveText("Waiting (ringing)");
  // From Tencent's events (demo mode points the emulator's callbacks at the console).
  await expect(detail.participantCell("e2e-group-c")).toHaveText("Declined", {
    timeout: 20_000,
  });
  expect((await emulator.call(call.callId)).members.map((m) => [m.userId, m.status])).toEqual([
    ["e2e-group-a", "Calling"],
    ["e2e-group-b", "Waiting"],
    ["e2e-group-c", null],
  ]);
  await expect(detail.participantCell("e2e-group-b")).toHaveText("Waiting (ringing)");
});

test("copies the permalink and a plain-text summary for the ticket", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: E2E.baseUrl });
  const call = await emulator.script({
    caller: "e2e-copy-a",
    callees: ["e2e-copy-b"],
    result: "CallBusy",
  });
  const detail = new CallDetailPage(page);
  await detail.goto(call.callId);
  await expect(detail.heading).toHaveText(call.callId);

  await detail.copyLink.click();
  await expect(page.getByRole("status").filter({ hasText: "Copy link: copied" })).toBeAttached();
  expect(await detail.clipboard()).toBe(`${E2E.baseUrl}/calls/${call.callId}`);

  const text = await detail.copyTicketText();
  expect(text).toContain(`Call ${call.callId}`);
  expect(text).toMatch(/^Started: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/m);
  expect(text).toContain("Result: Busy (CallBusy)");
  expect(text).toContain("Caller: e2e-copy-a (Callee busy on another call)");
  expect(text).toContain("Callees: e2e-copy-b (Busy on another call)");
  expect(text).toContain(`Link: ${E2E.baseUrl}/calls/${call.callId}`);
});

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("opens a shared link, signs in and arrives at the call", async ({ page }) => {
    const call = await emulator.script({ caller: "e2e-link-a", callees: ["e2e-link-b"] });
    const target = `/calls/${call.callId}`;
    await page.goto(target);
    await expect(page).toHaveURL(`/login?callbackUrl=${encodeURIComponent(target)}`);
    await new LoginPage(page).signIn(demoEmail("support"), E2E.demoPassword);
    await expect(page).toHaveURL(target);
    await expect(new CallDetailPage(page).heading).toHaveText(call.callId);
  });
});

test.describe("ending a live call", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("an admin ends it after confirming; support is refused", async ({ page, apiAs }) => {
    test.setTimeout(60_000);
    const call = await emulator.script({
      caller: "e2e-end-a",
      callees: ["e2e-end-b"],
      live: true,
      acceptAfterMs: 1_000,
    });

    const support = await apiAs("support");
    const refused = await support.post(`/api/calls/${call.callId}/end`, { data: {} });
    expect(refused.status()).toBe(403);
    expect((await refused.json()).error.code).toBe("forbidden");
    expect((await emulator.call(call.callId)).state).toBe("live");

    const detail = new CallDetailPage(page);
    await detail.goto(call.callId);
    await expect(detail.participantCell("e2e-end-b")).toHaveText("Calling (in the call)");
    await detail.endCall.click();
    await expect(page.getByRole("alertdialog")).toContainText(
      "End this call for every participant?",
    );
    await detail.confirmEnd.click();
    await expect.poll(async () => (await emulator.call(call.callId)).state).toBe("ended");
    await expect(detail.state.getByTitle("NormalEnd")).toBeVisible({ timeout: 30_000 });
    await expect(detail.endCall).toHaveCount(0);
    await expect(page.getByTestId("ended-by")).toContainText(
      "Ended by staff: admin@example.com at",
    );
    await expect(page.getByRole("region", { name: "What this result means" })).not.toContainText(
      "one of the parties hung up",
    );
  });
});

test("support does not see End call on a live call", async ({ page }) => {
  const call = await emulator.script({
    caller: "e2e-noend-a",
    callees: ["e2e-noend-b"],
    live: true,
    acceptAfterMs: 600_000,
  });
  const detail = new CallDetailPage(page);
  await detail.goto(call.callId);
  await expect(detail.participantCell("e2e-noend-b")).toHaveText("Waiting (ringing)");
  await expect(detail.copyLink).toBeVisible();
  await expect(detail.endCall).toHaveCount(0);
});

test.describe("not found", () => {
  test("an ID that never existed is explained, with the client versions to check", async ({
    page,
  }) => {
    const detail = new CallDetailPage(page);
    await detail.goto("e2e-never-existed-0001");
    await expect(detail.notFoundHeading).toBeVisible();
    await expect(page.getByText("in the v4 and v1 records, and no live call")).toBeVisible();
    await expect(detail.reasons).toContainText("The ID is wrong, or the call never existed");
    await expect(detail.reasons).toContainText(
      "1.7.1 on Android, iOS, Flutter and uni-app, 1.4.6 on Web, 1.5.1 on WeChat Mini Program",
    );
    await page.screenshot({ path: "e2e/screenshots/call-not-found.png", fullPage: true });
  });

  test("a call older than 7 days is not found and the 7-day window is named", async ({ page }) => {
    const call = await emulator.script({
      caller: "e2e-old-a",
      callees: ["e2e-old-b"],
      startedAt: Date.now() - 8 * 24 * 3600 * 1000,
    });
    expect((await emulator.call(call.callId)).inWindow).toBe(false);
    const detail = new CallDetailPage(page);
    await detail.goto(call.callId);
    await expect(detail.notFoundHeading).toBeVisible();
    await expect(detail.reasons).toContainText("Tencent keeps call records for 7 days only");
  });

  test("a call made with the deprecated client APIs is found only in the v1 records and says so", async ({
    page,
  }) => {
    const call = await emulator.script({
      caller: "e2e-v1-a",
      callees: ["e2e-v1-b"],
      generations: ["v1"],
    });
    const detail = new CallDetailPage(page);
    await detail.goto(call.callId);
    await expect(detail.heading).toHaveText(call.callId);
    await expect(page.getByText("Only in the v1 records")).toBeVisible();
    await expect(page.getByText("deprecated client APIs")).toBeVisible();
  });

  test("text with no call ID in it gets a clear message, no lookup, and stays to be fixed", async ({
    page,
  }) => {
    const lookups: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/api/calls/")) lookups.push(r.url());
    });
    const detail = new CallDetailPage(page);
    await page.goto("/");
    await detail.lookUp("not a call id");
    await expect(
      page.getByRole("alert").filter({ hasText: "No call IDs were found" }),
    ).toBeVisible();
    await expect(page.getByRole("textbox", { name: "Call IDs or links" })).toHaveValue(
      "not a call id",
    );
    expect(lookups).toEqual([]);
  });
});

test("a list pasted from a ticket shows each call with its result and a link", async ({ page }) => {
  const a = await emulator.script({
    caller: "e2e-list-a",
    callees: ["e2e-list-b"],
    result: "Reject",
  });
  const b = await emulator.script({
    caller: "e2e-list-c",
    callees: ["e2e-list-d"],
    result: "NormalEnd",
  });
  const detail = new CallDetailPage(page);
  await page.goto("/");
  await detail.lookUp(`${a.callId}, https://console.example.com/calls/${b.callId}, bad id`);
  await expect(page.getByRole("heading", { name: "2 call IDs" })).toBeVisible();
  const table = page.getByRole("table", { name: "Looked-up calls" });
  await expect(table.getByRole("row").filter({ hasText: a.callId })).toContainText("Declined");
  await expect(table.getByRole("row").filter({ hasText: b.callId })).toContainText(
    "Ended normally",
  );
  // "bad id" is prose, not a call ID: it is neither looked up nor counted.
  await expect(table.getByRole("row")).toHaveCount(3);
  await table.getByRole("link", { name: b.callId }).click();
  await expect(detail.heading).toHaveText(b.callId);
});

test("an upstream failure shows Tencent's RequestId, and Retry recovers", async ({ page }) => {
  test.setTimeout(60_000);
  const call = await emulator.script({
    caller: "e2e-fault-a",
    callees: ["e2e-fault-b"],
    result: "Interrupt",
  });
  await emulator.faults({
    errorRate: 1,
    onlyPaths: [
      "/v4/call_record_http_srv/get_record_by_callid",
      "/v1/records/get_record_by_callId",
    ],
  });
  const detail = new CallDetailPage(page);
  try {
    await detail.goto(call.callId);
    await expect(page.getByText("Tencent could not answer")).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId("upstream-request-id")).toHaveText(/^Id-[0-9a-f]{32}-O-Seq-\d+$/);
    await expect(
      page.getByRole("alert").filter({ hasText: "Tencent could not answer" }),
    ).toContainText("101001");
  } finally {
    await emulator.faults(null);
  }
  await detail.retry.click();
  await expect(detail.state.getByTitle("Interrupt")).toBeVisible({ timeout: 30_000 });
  await expect(detail.participantCell("e2e-fault-b")).toHaveText("Dropped (connection lost)");
});

test.describe("error 50001 (the app has no Group Call package)", () => {
  // Tencent answers 50001 on every v1 API of an app without the package. The emulator answers it
  // on the v1 record path; the call is one only the v1 records have, so nothing else can answer.
  test("a call only the v1 records have gets the package explanation, not a generic failure", async ({
    page,
  }) => {
    test.setTimeout(60_000);
    const call = await emulator.script({
      caller: "e2e-pkg-a",
      callees: ["e2e-pkg-b"],
      generations: ["v1"],
    });
    await emulator.answerWith(50001, "/v1/records/get_record_by_callId");
    const detail = new CallDetailPage(page);
    try {
      await detail.goto(call.callId);
      const alert = page
        .getByRole("alert")
        .filter({ hasText: "The app has no TUICallKit Group Call package (error 50001)" });
      await expect(alert).toBeVisible({ timeout: 30_000 });
      await expect(alert).toContainText("Buy or claim the package in the Tencent Cloud console");
      await expect(alert).toContainText("TRTC_RECORDS_API=v4");
      await expect(page.getByTestId("upstream-request-id")).toHaveText(/^[0-9a-f]{32}$/);
      await expect(page.getByText("Tencent could not answer")).toHaveCount(0);
    } finally {
      await emulator.faults(null);
    }
    await detail.retry.click();
    await expect(detail.heading).toHaveText(call.callId, { timeout: 30_000 });
    await expect(page.getByText("Only in the v1 records")).toBeVisible();
  });

  test("when the current records have the call, it shows with a warning about the v1 part", async ({
    page,
  }) => {
    const call = await emulator.script({
      caller: "e2e-pkg-c",
      callees: ["e2e-pkg-d"],
      result: "Reject",
    });
    await emulator.answerWith(50001, "/v1/records/get_record_by_callId");
    try {
      const detail = new CallDetailPage(page);
      await detail.goto(call.callId);
      await expect(detail.state.getByTitle("Reject")).toBeVisible({ timeout: 30_000 });
      const warning = page
        .getByRole("alert")
        .filter({ hasText: "The v1 records could not be read" });
      await expect(warning).toContainText("no TUICallKit Group Call package");
      await expect(warning).toContainText("50001");
    } finally {
      await emulator.faults(null);
    }
  });
});

test.describe("archived call", () => {
  // A real call older than 7 days cannot be made here: the emulator's clock also decides whether
  // the console's UserSig has expired, so moving it a week on breaks every request. Instead the
  // record index copies a recent call, and then Tencent answers "no such record" for it (101050,
  // what it answers once a call has left its 7-day window), so only the index has the call.
  test("a call Tencent no longer has is served from the record index and marked archived", async ({
    page,
    apiAs,
  }) => {
    test.setTimeout(120_000);
    const call = await emulator.script({
      caller: "e2e-archived-a",
      callees: ["e2e-archived-b"],
      result: "NotAnswer",
      // v4 only, so the v1 records answer "not found" by themselves.
      generations: ["v4"],
    });
    const admin = await apiAs("admin");
    const support = await apiAs("support");
    await waitUntilIndexed(admin, support, "e2e-archived-a", call.callId);

    await emulator.answerWith(101050, "/v4/call_record_http_srv/get_record_by_callid");
    try {
      const detail = new CallDetailPage(page);
      await detail.goto(call.callId);
      await expect(detail.heading).toHaveText(call.callId);
      await expect(detail.state.getByTitle("archived")).toHaveText("Archived");
      await expect(detail.state.getByTitle("NotAnswer")).toBeVisible();
      const notice = page.getByRole("status").filter({ hasText: "Archived call" });
      await expect(notice).toContainText("older than Tencent's 7-day window");
      await expect(notice).toContainText("console's archive");
      expect(await detail.participantRows()).toEqual([
        ["e2e-archived-a", "Caller", "No answer (nobody picked up)"],
        ["e2e-archived-b", "Callee", "Missed (rang, not answered)"],
      ]);
      await expect(detail.notFoundHeading).toHaveCount(0);
      await page.screenshot({ path: "e2e/screenshots/call-archived.png", fullPage: true });
    } finally {
      await emulator.faults(null);
    }
  });
});
