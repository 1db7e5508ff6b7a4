// Test ports and credentials, shared by playwright.config.ts and the specs. The ports can be moved
// (E2E_PORT, E2E_EMULATOR_PORT, E2E_OIDC_PORT) when two suites run on one machine.
const num = (name: string, fallback: number) => Number(process.env[name] || fallback);
const port = num("E2E_PORT", 3100);
const oidcPort = num("E2E_OIDC_PORT", 4120);

export const E2E = {
  port,
  emulatorPort: num("E2E_EMULATOR_PORT", 4110),
  oidcPort,
  baseUrl: `http://localhost:${port}`,
  oidcIssuer: `http://127.0.0.1:${oidcPort}`,
  oidcName: "Corp SSO",
  dataDir: port === 3100 ? ".data-e2e" : `.data-e2e-${port}`,
  /** Signed-in browser states (auth.setup.ts), per port: each run's server has its own secret. */
  authDir: port === 3100 ? "e2e/.auth" : `.data-e2e-${port}-auth`,
  demoPassword: "e2e-demo-password-1",
} as const;
