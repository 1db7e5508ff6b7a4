// Pure constants, so the emulator can import them without the console. Not secrets: local only.
export const EMBEDDED_EMULATOR = {
  port: 4010,
  sdkAppId: 1400000001,
  secretKey: "emulator-secret-key-for-local-use-only-0000000000000000",
  /** Cloud API 3.0 key pair the emulator accepts (call quality). */
  cloudSecretId: "AKIDemulatorLocalOnly0000000000000000",
  cloudSecretKey: "emulator-cloud-secret-key-local-only",
} as const;
