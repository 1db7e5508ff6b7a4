import { test as base, expect, type APIRequestContext } from "@playwright/test";

import { LoginPage } from "./pages/login-page";
import { Shell } from "./pages/shell";
import { E2E } from "./settings";

export const ROLES = ["support", "manager", "admin"] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { support: 0, manager: 1, admin: 2 };
export const allows = (role: Role, minRole: Role) => RANK[role] >= RANK[minRole];

export const demoEmail = (role: Role) => `${role}@example.com`;
/** Written by auth.setup.ts: one signed-in browser state per role. */
export const storageStateFor = (role: Role) => `${E2E.authDir}/${role}.json`;

type Fixtures = {
  loginPage: LoginPage;
  shell: Shell;
  /** An API client signed in as `role` (or signed out with null), disposed after the test. */
  apiAs: (role: Role | null) => Promise<APIRequestContext>;
};

export const test = base.extend<Fixtures>({
  loginPage: async ({ page }, provide) => provide(new LoginPage(page)),
  shell: async ({ page }, provide) => provide(new Shell(page)),
  apiAs: async ({ playwright }, provide) => {
    const contexts: APIRequestContext[] = [];
    await provide(async (role) => {
      const ctx = await playwright.request.newContext({
        baseURL: E2E.baseUrl,
        storageState: role ? storageStateFor(role) : undefined,
        maxRedirects: 0,
      });
      contexts.push(ctx);
      return ctx;
    });
    await Promise.all(contexts.map((c) => c.dispose()));
  },
});

export { expect };
