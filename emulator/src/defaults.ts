import { EMBEDDED_EMULATOR } from "@/lib/embedded-emulator";

// Port, app and key come from the console's embedded mode, so that `npm start` with no
// configuration points the console at the emulator it starts.
export const EMULATOR_DEFAULTS = {
  ...EMBEDDED_EMULATOR,
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
