// Where embedded mode finds the emulator `npm start` runs beside the console, and the app it
// emulates: the console's defaults and the emulator's own. Pure constants, so the emulator may
// import them without importing the console. Not secrets: the emulator is local only.
export const EMBEDDED_EMULATOR = {
  port: 4010,
  sdkAppId: 1400000001,
  secretKey: "emulator-secret-key-for-local-use-only-0000000000000000",
} as const;
