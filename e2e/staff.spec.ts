import type { APIRequestContext, Page } from "@playwright/test";

import { expect, storageStateFor, test } from "./fixtures";
import { E2E } from "./settings";

// The Staff page as an admin uses it: add, change role, reset password, remove, clear a lockout.

test.use({ storageState: storageStateFor("admin"), viewport: { width: 1400, height: 1000 } });

/** Signs in through next-auth's credentials endpoint, as the sign-in form does. */
async function signInApi(api: APIRequestContext, email: string, password: string) {
  const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
  return api.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
  });
}

const staffRow = (page: Page, email: string) =>
  page.getByRole("table", { name: "Staff accounts" }).getByRole("row").filter({ hasText: email });

test("an admin adds, re-roles, resets and removes a staff account; each change signs it out", async ({
  page,
  playwright,
}) => {
  const email = `e2e-staff-${Date.now()}@corp.example`;
  // Old links still work.
  await page.goto("/admin/users");
  await expect(page).toHaveURL(/\/admin\/staff$/);
  await expect(page.getByRole("heading", { name: "Staff", level: 1 })).toBeVisible();

  const form = page.getByRole("form", { name: "Add a staff account" });
  await form.getByLabel("E-mail").fill("not-an-address");
  await form.getByLabel("Password (optional)").fill("short");
  await form.getByRole("button", { name: "Add account" }).click();
  await expect(form.getByLabel("E-mail")).toHaveAccessibleDescription(
    "must be a valid e-mail address",
  );
  await expect(form.getByLabel("Password (optional)")).toHaveAccessibleDescription(
    /must be at least 8 characters/,
  );

  await form.getByLabel("E-mail").fill(email);
  await form.getByLabel("Password (optional)").fill("");
  await form.getByLabel("Role").selectOption("manager");
  await form.getByRole("button", { name: "Add account" }).click();
  const generated = await form.getByLabel("Generated password").inputValue();
  expect(generated).toMatch(/^[A-Za-z0-9]{20}$/);
  await expect(staffRow(page, email)).toContainText("Manager");

  // The new account signs in elsewhere; a role change ends that session.
  const other = await playwright.request.newContext({ baseURL: E2E.baseUrl });
  expect((await signInApi(other, email, generated)).status()).toBe(200);
  expect((await other.get("/api/me")).status()).toBe(200);

  await staffRow(page, email)
    .getByRole("button", { name: `Manage ${email}` })
    .click();
  const roleForm = page.getByRole("form", { name: `Role of ${email}` });
  await roleForm.getByLabel("Role").selectOption("support");
  await roleForm.getByRole("button", { name: "Change role" }).click();
  await expect(page.getByRole("status").filter({ hasText: "is now Support" })).toBeVisible();
  await expect(staffRow(page, email).first()).toContainText("Support");
  expect((await other.get("/api/me")).status()).toBe(401);

  // A password reset (generated) ends the new session too, and the new password works.
  expect((await signInApi(other, email, generated)).status()).toBe(200);
  await page.getByRole("button", { name: "Reset password" }).click();
  const panel = page.getByRole("form", { name: `Password of ${email}` });
  const reset = await panel.getByLabel("Generated password").inputValue();
  expect(reset).not.toBe(generated);
  expect((await other.get("/api/me")).status()).toBe(401);
  expect((await signInApi(other, email, reset)).status()).toBe(200);

  // Remove, confirmed from the keyboard; Escape backs out first.
  await page.getByRole("button", { name: "Remove account" }).click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm.getByRole("button", { name: "Yes, remove" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(confirm).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Remove account" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Yes, remove" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(staffRow(page, email)).toHaveCount(0);
  expect((await other.get("/api/me")).status()).toBe(401);
  await other.dispose();
});

test("an admin sees a lockout and clears it", async ({ page, playwright, apiAs }) => {
  const email = `e2e-locked-${Date.now()}@corp.example`;
  const admin = await apiAs("admin");
  const added = await admin.post("/api/admin/users", {
    data: { email, role: "support", password: "right-password-1" },
  });
  expect(added.status()).toBe(201);

  const guesser = await playwright.request.newContext({ baseURL: E2E.baseUrl });
  for (let i = 0; i < 4; i++)
    expect((await signInApi(guesser, email, `wrong-${i}`)).status()).toBe(401);
  const fifth = await signInApi(guesser, email, "wrong-5");
  expect(fifth.status()).toBe(429);
  expect(Number(fifth.headers()["retry-after"])).toBeGreaterThan(800);
  expect((await signInApi(guesser, email, "right-password-1")).status()).toBe(429);

  await page.goto("/admin/staff");
  const lockouts = page.getByRole("table", { name: "Sign-in lockouts" });
  const row = lockouts.getByRole("row").filter({ hasText: email });
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: /^Clear the lockout of/ }).click();
  await expect(row).toHaveCount(0);
  // (The account's growing delay for unfamiliar networks may still have a second or two to run.)
  await expect
    .poll(async () => (await signInApi(guesser, email, "right-password-1")).status(), {
      intervals: [1000],
      timeout: 10_000,
    })
    .toBe(200);
  await guesser.dispose();
});
