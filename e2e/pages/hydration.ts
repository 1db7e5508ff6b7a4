import { expect, type Locator, type Page } from "@playwright/test";

// A page is usable by the mouse and the keyboard only once React has hydrated it; a click or a
// key pressed on the server-rendered HTML before that does nothing. On a busy CI machine that
// window can be long, so these helpers repeat the gesture until it has taken effect.

/** "/" focuses the shell's search box; returns the box. */
export async function focusSearch(page: Page): Promise<Locator> {
  const box = page.getByRole("combobox", { name: "Look up calls" });
  await expect(async () => {
    await page.keyboard.press("/");
    await expect(box).toBeFocused({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  return box;
}

/** Clicks `target` until `done` is visible (a click on a button that navigates away). */
export async function clickUntil(target: Locator, done: Locator): Promise<void> {
  await expect(async () => {
    if ((await target.isVisible()) && (await target.isEnabled())) {
      await target.click({ timeout: 1_000 });
    }
    await expect(done).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
}
