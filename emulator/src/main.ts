// `npm run emulator`: the TRTC Call emulator on loopback, configured by EMULATOR_* variables.
import { CliConfigError, optionsFromEnv } from "./cli-config";
import { EMULATOR_DEFAULTS } from "./defaults";
import { startEmulator } from "./server";

async function main(): Promise<void> {
  let opts;
  try {
    opts = optionsFromEnv(process.env);
  } catch (e) {
    if (e instanceof CliConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const started = performance.now();
  const emulator = await startEmulator(opts);
  const admins = opts.adminIdentifiers ?? EMULATOR_DEFAULTS.adminIdentifiers;
  // The key is printed on purpose: it is the emulator's own, local-only key, and people need it to
  // point a console (or curl with a UserSig) at the emulator.
  console.log(
    [
      `TRTC Call emulator ready in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      `  v4 (Chat domain) base URL:    ${emulator.url}   e.g. POST ${emulator.url}/v4/call_record_http_srv/get_record_by_filter`,
      `  v1 (CallKit domain) base URL: ${emulator.url}   e.g. POST ${emulator.url}/v1/records/get_records_by_filter`,
      `  control endpoint:             ${emulator.url}/__emulator/health`,
      `  Cloud API (call quality):     http://trtc.localhost:${new URL(emulator.url).port}   (X-TC-Action, TC3-signed; key ${EMULATOR_DEFAULTS.cloudSecretId} / ${EMULATOR_DEFAULTS.cloudSecretKey})`,
      `  SDKAppID:         ${opts.sdkAppId ?? EMULATOR_DEFAULTS.sdkAppId}`,
      `  secret key:       ${opts.secretKey ?? EMULATOR_DEFAULTS.secretKey}`,
      `  admin identifier: ${admins.join(", ")}`,
      `  calls:            ${emulator.store.size} generated (seed ${opts.seed ?? EMULATOR_DEFAULTS.seed}), rate limits ${opts.rateLimit === false ? "off" : "on"}`,
      `Press Ctrl+C to stop.`,
    ].join("\n"),
  );
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the emulator`);
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((e: unknown) => {
  const err = e as NodeJS.ErrnoException;
  if (err.code === "EADDRINUSE")
    console.error(`Emulator port is already in use (${err.message}); set EMULATOR_PORT.`);
  else console.error("Emulator failed to start:", e);
  process.exit(1);
});
