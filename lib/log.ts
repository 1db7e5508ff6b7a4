import "server-only";

import pino from "pino";

// One structured logger for the server. Redaction is a second line of defence: code must never
// pass the UserSig or the secret key to a log call in the first place.
export const log = pino({
  level: process.env.LOG_LEVEL || "info",
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
});
