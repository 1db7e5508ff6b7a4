import { expect, storageStateFor, test } from "./fixtures";
import { CallDetailPage, EmulatorControl } from "./pages/call-detail-page";
import { waitUntilIndexed } from "./records-helpers";
import { E2E } from "./settings";

// The words for a 1-to-1 call nobody answered, from each side: the caller reads what happened to
// their call, the callee what they did. The same words on the call page and in the ticket text.
// And the busy call's next step is a link to the callee's calls around that time.
test.use({
  storageState: storageStateFor("support"),
  viewport: { width: 1280, height: 900 },
  timezoneId: "Europe/Berlin",
});

// `member`: what the emulator's callee does. Records and callbacks of both generations.
const CASES = [
  {
    result: "CallBusy",
    member: "busy",
    caller: "Callee busy on another call",
    callee: "Busy on another call",
  },
  { result: "Reject", member: "rejected", caller: "Declined by the callee", callee: "Declined" },
  {
    result: "NotAnswer",
    member: "not_answered",
    caller: "No answer (nobody picked up)",
    callee: "Missed (rang, not answered)",
  },
] as const;

for (const c of CASES) {
  test(`a ${c.result} 1-to-1 call reads from each side, on the page and in the ticket text`, async ({
    page,
    context,
    request,
  }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], {
      origin: E2E.baseUrl,
    });
    const a = `e2e-words-${c.result.toLowerCase()}-a`;
    const b = `e2e-words-${c.result.toLowerCase()}-b`;
    const call = await new EmulatorControl(request).script({
      caller: a,
      callees: [b],
      result: c.result,
      members: [{ userId: b, outcome: c.member }],
    });
    const detail = new CallDetailPage(page);
    await detail.goto(call.callId);
    await expect(detail.heading).toHaveText(call.callId);
    await expect(detail.state.getByTitle(c.result)).toBeVisible();
    expect(await detail.participantRows()).toEqual([
      [a, "Caller", c.caller],
      [b, "Callee", c.callee],
    ]);

    const text = await detail.copyTicketText();
    expect(text).toContain(`Caller: ${a} (${c.caller})`);
    expect(text).toContain(`Callees: ${b} (${c.callee})`);
    expect(text).not.toContain(`${a} (Not answered)`);
  });
}

test("user IDs in the participants table are links, reached by keyboard and underlined on focus", async ({
  page,
  request,
}) => {
  const call = await new EmulatorControl(request).script({
    caller: "e2e-words-link-a",
    callees: ["e2e-words-link-b"],
    result: "NormalEnd",
  });
  const detail = new CallDetailPage(page);
  await detail.goto(call.callId);
  const link = detail.participants.getByRole("link", { name: "e2e-words-link-b", exact: true });
  await expect(link).toHaveAttribute("href", "/users/e2e-words-link-b");
  await expect(link).toHaveCSS("text-decoration-line", "none");
  await link.focus();
  await expect(link).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Tab");
  await expect(link).toBeFocused();
  await expect(link).toHaveCSS("text-decoration-line", "underline");
});

test("the busy call's next step opens the callee's calls an hour either side of its start", async ({
  page,
  request,
  apiAs,
}) => {
  test.setTimeout(120_000);
  const call = await new EmulatorControl(request).script({
    caller: "e2e-words-next-a",
    callees: ["e2e-words-next-b"],
    result: "CallBusy",
  });
  // The Records page reads the console's index: sync until the call is in it.
  const admin = await apiAs("admin");
  const support = await apiAs("support");
  await waitUntilIndexed(admin, support, "e2e-words-next-b", call.callId);

  const detail = new CallDetailPage(page);
  await detail.goto(call.callId);
  const explanation = page.getByRole("region", { name: "What this result means" });
  const link = explanation.getByRole("link", {
    name: "e2e-words-next-b's calls around this call's start (± 1 h)",
  });
  // Written in UTC until the page knows the viewer's zone, then in that zone.
  await expect(link).toHaveAttribute("href", /tz=Europe%2FBerlin/);
  await link.click();

  await expect(page).toHaveURL(/\/records\?/);
  const url = new URL(page.url());
  expect(url.searchParams.get("user")).toBe("e2e-words-next-b");
  expect(url.searchParams.get("tz")).toBe("Europe/Berlin");
  // The call's start as Berlin wall time, to the second: the page reads it ± 1 h.
  const started = new Date(Math.floor(call.startedAt / 1000) * 1000);
  const wall = new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Europe/Berlin",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  })
    .format(started)
    .replace(" ", "T");
  expect(url.searchParams.get("around")).toBe(wall.endsWith(":00") ? wall.slice(0, 16) : wall);
  await expect(page.getByLabel("User ID (caller or callee)")).toHaveValue("e2e-words-next-b");
  await expect(page.locator(`tr[data-call-id="${call.callId}"]`)).toBeVisible({
    timeout: 30_000,
  });
});
