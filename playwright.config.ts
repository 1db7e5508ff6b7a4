import { defineConfig, devices } from "@playwright/test";

import { systemChromium } from "./e2e/browser";
import { OIDC_CLIENT, OIDC_GROUPS } from "./e2e/oidc/accounts";
import { E2E } from "./e2e/settings";

export default defineConfig({
  testDir: "e2e",
  outputDir: process.env.E2E_OUTPUT_DIR || "test-results",
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  // One browser at a time: on a 2-core machine the console, the emulator and the sync loop need
  // a core, and two browsers beside them pushed a slower machine of this kind past every
  // timeout (16 minutes, eleven test runs over 30 s; the same suite took 6 minutes on a faster one).
  workers: 1,
  reporter: [["list"]],
  // Generous for the same reason: a test that passes in 10 s on one machine of this kind took
  // 25 s on another. A real hang still fails.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL: E2E.baseUrl,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      // Debian's Chromium when present, else Playwright's own (scripts/ensure-browser.ts).
      executablePath: systemChromium(),
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    {
      name: "chromium",
      testMatch: /.*\.spec\.ts/,
      dependencies: ["setup"],
      use: { ...devices["Desktop Chrome"] },
    },
  ],
  webServer: [
    {
      // A real OpenID provider for the SSO tests.
      command: "node node_modules/tsx/dist/cli.mjs e2e/oidc/server.ts",
      url: `${E2E.oidcIssuer}/.well-known/openid-configuration`,
      env: { OIDC_PORT: String(E2E.oidcPort), CONSOLE_URL: E2E.baseUrl },
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      // The console through the real launcher, on a fresh data directory.
      command: `rm -rf ${E2E.dataDir} && npm start`,
      url: `${E2E.baseUrl}/api/health`,
      env: {
        PORT: String(E2E.port),
        EMULATOR_PORT: String(E2E.emulatorPort),
        DATA_DIR: E2E.dataDir,
        DEMO_PASSWORD: E2E.demoPassword,
        NEXTAUTH_URL: E2E.baseUrl,
        // Never run the suite against a real Tencent app or a shared database.
        TRTC_SDK_APP_ID: "",
        DATABASE_URL: "",
        AUTH_OIDC_ISSUER: E2E.oidcIssuer,
        AUTH_OIDC_CLIENT_ID: OIDC_CLIENT.id,
        AUTH_OIDC_CLIENT_SECRET: OIDC_CLIENT.secret,
        AUTH_OIDC_NAME: E2E.oidcName,
        AUTH_OIDC_SCOPE: "openid email profile groups",
        AUTH_OIDC_ROLES_CLAIM: "groups",
        AUTH_OIDC_ADMIN_GROUPS: OIDC_GROUPS.admin,
        AUTH_OIDC_MANAGER_GROUPS: OIDC_GROUPS.manager,
        AUTH_OIDC_SUPPORT_GROUPS: OIDC_GROUPS.support,
        AUTH_OIDC_ALLOWED_DOMAIN: "corp.example",
        LOG_LEVEL: "warn",
      },
      reuseExistingServer: false,
      // A fresh clone builds first.
      timeout: 600_000,
      stdout: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    },
  ],
});
