import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

import { expect, storageStateFor, test } from "./fixtures";
import { EmulatorControl, type EmulatorCall } from "./pages/call-detail-page";
import { clickUntil } from "./pages/hydration";
import { waitForIndex } from "./records-helpers";

// Automated accessibility checks (axe-core, WCAG 2.1 A and AA rules) of every page staff use, in
// both themes, with real data from the emulator. A failure lists each rule that broke, its
// impact and the elements involved, so it can be fixed without re-running anything.

const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  return result.violations.map((v) => {
    const nodes = v.nodes.slice(0, 3).map((n) => {
      const why = [...n.any, ...n.all, ...n.none][0]?.message;
      return `${n.target.join(" ")}${why ? ` (${why})` : ""}`;
    });
    return `${v.id} (${v.impact}): ${v.help} — ${nodes.join("; ")}`;
  });
}

test.use({ storageState: storageStateFor("admin"), viewport: { width: 1280, height: 900 } });

let ended: EmulatorCall;
let live: EmulatorCall;
test.beforeAll(async ({ playwright }) => {
  const { E2E } = await import("./settings");
  const request = await playwright.request.newContext({
    baseURL: E2E.baseUrl,
    storageState: storageStateFor("admin"),
  });
  const emulator = new EmulatorControl(request);
  const group = (await emulator.calls()).find(
    (c) => c.state === "ended" && c.recordVisible && c.callType === "group",
  );
  expect(group, "the emulator has an ended group call in the window").toBeTruthy();
  ended = group!;
  live = await emulator.script({
    caller: "e2e-a11y-caller",
    callees: ["e2e-a11y-callee"],
    live: true,
    acceptAfterMs: 600_000,
  });
  await waitForIndex(request);
  await request.dispose();
});

type Check = { name: string; path: () => string; ready: (page: Page) => Promise<void> };

const heading = (name: string | RegExp) => async (page: Page) => {
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
};

const CHECKS: Check[] = [
  { name: "search", path: () => "/", ready: heading("Look up a call") },
  {
    name: "call lookup list",
    path: () => `/calls?q=${encodeURIComponent(`${ended.callId}\nnot-a-call-0001`)}`,
    ready: heading("Look up calls"),
  },
  {
    name: "ended call",
    path: () => `/calls/${encodeURIComponent(ended.callId)}`,
    ready: async (page) => {
      await expect(page.getByRole("heading", { name: "Participants" })).toBeVisible();
    },
  },
  {
    name: "live call",
    path: () => `/calls/${encodeURIComponent(live.callId)}`,
    ready: async (page) => {
      await expect(page.getByRole("cell", { name: "Waiting (ringing)" })).toBeVisible();
    },
  },
  {
    name: "end-call confirmation",
    path: () => `/calls/${encodeURIComponent(live.callId)}`,
    ready: async (page) => {
      await expect(page.getByRole("cell", { name: "Waiting (ringing)" })).toBeVisible();
      await clickUntil(
        page.getByRole("button", { name: "End call" }),
        page.getByRole("alertdialog"),
      );
    },
  },
  {
    name: "live calls",
    path: () => "/live",
    ready: async (page) => {
      await expect(page.getByRole("status").filter({ hasText: "in progress" })).toBeVisible();
    },
  },
  {
    name: "call not found",
    path: () => "/calls/e2e-a11y-never-existed",
    ready: heading("Call not found"),
  },
  {
    name: "records",
    path: () => "/records",
    ready: async (page) => {
      await expect(page.getByRole("table").getByRole("row").nth(1)).toBeVisible();
      await expect(page.getByRole("table")).not.toHaveAttribute("aria-busy", "true");
    },
  },
  {
    name: "records, nothing matches",
    path: () => `/records?user=${encodeURIComponent("e2e-a11y-nobody")}`,
    ready: async (page) => {
      await expect(page.getByText("No calls match these filters")).toBeVisible();
    },
  },
  { name: "user and room search", path: () => "/users", ready: heading("Find a user or room") },
  {
    name: "user",
    path: () => `/users/${encodeURIComponent(ended.caller)}`,
    ready: async (page) => {
      await expect(page.getByRole("table").getByRole("row").nth(1)).toBeVisible();
    },
  },
  {
    name: "insights",
    path: () => "/insights",
    ready: async (page) => {
      await expect(page.getByRole("region", { name: "Ring time" })).toBeVisible();
    },
  },
  { name: "admin staff", path: () => "/admin/staff", ready: heading("Staff") },
  {
    name: "staff account being managed, with field errors",
    path: () => "/admin/staff",
    ready: async (page) => {
      await page.getByRole("button", { name: "Manage support@example.com" }).click();
      await expect(page.getByRole("heading", { name: "Manage support@example.com" })).toBeFocused();
      await page.getByRole("button", { name: "Remove account" }).click();
      await expect(page.getByRole("alertdialog")).toBeVisible();
      const form = page.getByRole("form", { name: "Add a staff account" });
      await form.getByRole("button", { name: "Add account" }).click();
      await expect(form.getByLabel("E-mail")).toHaveAttribute("aria-invalid", "true");
    },
  },
  {
    name: "record index",
    path: () => "/admin/sync",
    ready: async (page) => {
      await expect(page.getByRole("region", { name: "Record index sync" })).toBeVisible();
    },
  },
];

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });
    for (const check of CHECKS) {
      test(`${check.name} has no WCAG 2.1 A/AA violations`, async ({ page }) => {
        await page.emulateMedia({ reducedMotion: "reduce" });
        await page.goto(check.path());
        await check.ready(page);
        expect(await violations(page)).toEqual([]);
      });
    }
  });
}

test("the sign-in page has no WCAG 2.1 A/AA violations", async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/login");
  await expect(page.getByRole("button", { name: /sign in/i }).first()).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await context.close();
});
