import { mkdirSync } from "node:fs";

import { demoEmail, expect, ROLES, storageStateFor, test } from "./fixtures";
import { E2E } from "./settings";

mkdirSync(E2E.authDir, { recursive: true });

// Signs in through the real form once per role and keeps the session for the other projects.
for (const role of ROLES) {
  test(`sign in as ${role}`, async ({ page, loginPage, shell }) => {
    await loginPage.goto();
    await loginPage.signIn(demoEmail(role), E2E.demoPassword);
    await expect(page.getByRole("heading", { name: "Look up a call" })).toBeVisible();
    await expect(shell.user).toContainText(demoEmail(role));
    await page.context().storageState({ path: storageStateFor(role) });
  });
}
