// Defaults shared by the emulator and the console's embedded mode, so that `npm start` with no
// configuration points the console at the emulator it starts. Not secrets: the emulator is local only.
export const EMULATOR_DEFAULTS = {
  port: 4010,
  sdkAppId: 1400000001,
  secretKey: "emulator-secret-key-for-local-use-only-0000000000000000",
  seed: 42,
  calls: 5000,
  adminIdentifiers: ["administrator"],
} as const;

/** Emulator-only defaults (the console does not need these). */
export const EMULATOR_EXTRA_DEFAULTS = {
  liveCalls: 3,
  recordDelayMs: 5000,
  maxPageSize: 100,
} as const;
