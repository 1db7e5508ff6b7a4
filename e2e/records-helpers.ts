import type { APIRequestContext, Page } from "@playwright/test";

import { expect } from "./fixtures";
import { E2E } from "./settings";

// Ground truth for the record browser specs: the emulator's own view of its calls, and the
// console's index once its first sync has finished.

export type EmuCall = {
  callId: string;
  caller: string;
  callees: string[];
  mediaType: string;
  callType: string;
  result: string;
  roomId: string;
  startedAt: number;
  /** Epoch ms; null when nobody answered. */
  acceptedAt: number | null;
  recordVisible: boolean;
  generations: string[];
};

const emulatorUrl = () => `http://127.0.0.1:${E2E.emulatorPort}`;

/** Calls the index holds for [from, to): visible records, start times at Tencent's whole seconds. */
export async function emulatorCalls(
  request: APIRequestContext,
  from: number,
  to: number,
): Promise<EmuCall[]> {
  const res = await request.get(`${emulatorUrl()}/__emulator/calls`, {
    params: { from: String(from - 60_000), to: String(to + 60_000), limit: "10000" },
  });
  expect(res.ok()).toBe(true);
  const { calls } = (await res.json()) as { calls: EmuCall[] };
  return calls.filter((c) => {
    const second = Math.floor(c.startedAt / 1000) * 1000;
    return c.recordVisible && c.generations.length > 0 && second >= from && second < to;
  });
}

/** Waits until the console's first backfill is done, so the index is complete for the past. */
export async function waitForIndex(api: APIRequestContext): Promise<void> {
  await expect
    .poll(
      async () => {
        const res = await api.get("/api/sync");
        return res.ok()
          ? ((await res.json()) as { sync: { state: string } }).sync.state
          : `http ${res.status()}`;
      },
      { timeout: 120_000, intervals: [1000] },
    )
    .toBe("ok");
}

/** Call IDs of the rows on screen, in order. */
export async function rowIds(page: Page): Promise<string[]> {
  const table = page.getByRole("table", { name: /^Call(s of| records)/ });
  await expect(table).toBeVisible();
  // While the next page loads, the record browser keeps the previous rows up, marked busy.
  await expect(page.locator("[aria-busy='true']").filter({ has: table })).toHaveCount(0);
  // Day headings on a user's page are rows too, without a call.
  return table
    .locator("tbody tr[data-call-id]")
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-call-id") ?? ""));
}

export async function shownTotal(page: Page): Promise<number> {
  const text = await page.getByTestId("records-total").textContent();
  return Number((text ?? "").replace(/,/g, ""));
}

/** A fixed past window (whole minutes), so the rows cannot change while the test runs. */
export function pastWindow(hoursBack: number, hours: number): { from: number; to: number } {
  const to = Math.floor((Date.now() - hoursBack * 3_600_000) / 60_000) * 60_000;
  return { from: to - hours * 3_600_000, to };
}

export const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Asks for a sync ("Sync now") until the console's index lists `callId` among `user`'s calls.
 * A 202 while a pass is already running is fine: the next poll asks again.
 */
export async function waitUntilIndexed(
  admin: APIRequestContext,
  support: APIRequestContext,
  user: string,
  callId: string,
): Promise<void> {
  await expect
    .poll(
      async () => {
        await admin.post("/api/sync", { data: {} });
        const res = await support.get(`/api/records?user=${encodeURIComponent(user)}`);
        const body = (await res.json()) as { items?: { callId: string }[] };
        return body.items?.some((r) => r.callId === callId) ?? false;
      },
      { timeout: 90_000, intervals: [1_000, 2_000, 3_000] },
    )
    .toBe(true);
}
