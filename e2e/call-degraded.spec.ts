import { expect, storageStateFor, test } from "./fixtures";
import { CallDetailPage, EmulatorControl } from "./pages/call-detail-page";
import { waitUntilIndexed } from "./records-helpers";

// The call page when Tencent fails in part or in whole, with faults injected in the emulator.
// The tests of a file run one after another in one worker, and every fault is cleared after each.
test.use({ storageState: storageStateFor("support"), viewport: { width: 1280, height: 900 } });

let emulator: EmulatorControl;
test.beforeEach(({ request }) => {
  emulator = new EmulatorControl(request);
});
test.afterEach(async ({ request }) => {
  await new EmulatorControl(request).faults(null);
});

test("v4 failing alone: the v1 copy shows, the v4 failure is named with its code and RequestId, no migration advice", async ({
  page,
}) => {
  const call = await emulator.script({
    caller: "e2e-v4down-a",
    callees: ["e2e-v4down-b"],
    result: "Reject",
  });
  await emulator.faults({ errorRate: 1, onlyPaths: ["/v4/call_record_http_srv/"] });
  const detail = new CallDetailPage(page);
  await detail.goto(call.callId);
  await expect(detail.heading).toHaveText(call.callId);
  await expect(detail.state.getByTitle("Reject")).toBeVisible();
  const warning = page.getByRole("alert").filter({ hasText: "The v4 records could not be read" });
  await expect(warning).toContainText("101001");
  await expect(warning.getByTestId("upstream-request-id")).toHaveText(
    /^Id-[0-9a-f]{32}-O-Seq-\d+$/,
  );
  await expect(page.getByText("Only in the v1 records")).toHaveCount(0);
  await expect(page.getByText(/should move|deprecated/)).toHaveCount(0);
});

test("every upstream failing for an indexed call: the indexed snapshot, marked, with each error beside it", async ({
  page,
  apiAs,
}) => {
  test.setTimeout(150_000);
  const call = await emulator.script({
    caller: "e2e-alldown-a",
    callees: ["e2e-alldown-b"],
    result: "CallBusy",
  });
  const admin = await apiAs("admin");
  const support = await apiAs("support");
  await waitUntilIndexed(admin, support, "e2e-alldown-a", call.callId);

  await expect
    .poll(async () => {
      const res = await support.get("/api/records?user=e2e-alldown-a");
      const body = (await res.json()) as { items: { callId: string; sources: string[] }[] };
      return body.items.find((r) => r.callId === call.callId)?.sources.includes("v1") ?? false;
    })
    .toBe(true);
  await emulator.faults({
    errorRate: 1,
    onlyPaths: ["/v4/call_record_http_srv/", "/v1/records/", "/v4/call_engine_http_srv/"],
  });
  const detail = new CallDetailPage(page);
  await detail.goto(call.callId);
  await expect(detail.heading).toHaveText(call.callId);
  await expect(detail.state.getByTitle("indexed")).toHaveText("Indexed snapshot");
  await expect(detail.state.getByTitle("CallBusy")).toBeVisible();
  await expect(
    page.getByRole("status").filter({ hasText: "Indexed snapshot: Tencent could not answer" }),
  ).toContainText("record index");
  const v4 = page.getByRole("alert").filter({ hasText: "The v4 records could not be read" });
  // The index holds the v1 copy, so v1's scarce by-ID request is not spent and cannot fail.
  const v1 = page.getByRole("alert").filter({ hasText: "The v1 records could not be read" });
  const live = page.getByRole("alert").filter({ hasText: "Live status unavailable" });
  await expect(v4).toContainText("101001");
  await expect(live).toContainText("101001");
  await expect(v4.getByTestId("upstream-request-id")).toHaveText(/^Id-/);
  await expect(v1).toHaveCount(0);
  await expect(page.getByText("Tencent could not answer", { exact: true })).toHaveCount(0);
  await page.screenshot({ path: "e2e/screenshots/call-indexed-snapshot.png", fullPage: true });
  expect((await detail.participantRows()).map((r) => r.slice(0, 2))).toEqual([
    ["e2e-alldown-a", "Caller"],
    ["e2e-alldown-b", "Callee"],
  ]);

  // The API answers the same: 200 with the call and what failed.
  const res = await support.get(`/api/calls/${call.callId}`);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as {
    call: { callId: string };
    degraded: { upstream: { generation: string; code: number }[] };
  };
  expect(body.call.callId).toBe(call.callId);
  expect(body.degraded.upstream.map((u) => [u.generation, u.code])).toEqual([
    ["v4", 101001],
    ["v4", 101001],
  ]);
});
