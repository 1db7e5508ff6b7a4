import "server-only";

import pino, { type Logger } from "pino";
import pretty from "pino-pretty";

import { getEnv } from "@/lib/env";
import { escapeJsonLine, serializeError } from "@/lib/logging/safe-fields";

// Redaction is a second line of defence: never pass a UserSig or key to a log call.
export function createLogger(
  settings: { level: string; format?: "json" | "pretty" } = {
    level: getEnv().LOG_LEVEL,
    format: getEnv().LOG_FORMAT,
  },
  destination?: pino.DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    level: settings.level,
    serializers: { err: serializeError, error: serializeError },
    base: { service: "call-console" },
    redact: {
      paths: [
        "usersig",
        "userSig",
        "secretKey",
        "*.usersig",
        "*.userSig",
        "*.secretKey",
        "password",
        "*.password",
      ],
      censor: "[redacted]",
    },
  };
  // pino-pretty as a stream in this thread: a transport's worker thread does not survive bundling.
  if (settings.format !== "pretty") return destination ? pino(options, destination) : pino(options);
  const printer = pretty({
    ignore: "pid,hostname,service",
    translateTime: "SYS:HH:MM:ss.l",
    singleLine: true,
    ...(destination ? { destination } : {}),
  });
  // JSON lines escape control characters; the printer would decode them, so escape them again.
  return pino(options, { write: (line: string) => printer.write(escapeJsonLine(line)) });
}

let instance: Logger | undefined;
const logger = () => (instance ??= createLogger());

// Built on first use, not on import: the launcher and `npm run users` import modules that log
// before they check the configuration, and they must be the ones to report a bad value.
export const log: Logger = new Proxy({} as Logger, {
  get: (_, key) => {
    const value: unknown = Reflect.get(logger(), key);
    return typeof value === "function" ? (value.bind(logger()) as unknown) : value;
  },
  set: (_, key, value) => Reflect.set(logger(), key, value),
});
