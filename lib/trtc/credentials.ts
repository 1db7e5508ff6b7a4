import "server-only";

import type { Logger } from "pino";

import { decodeUserSig, generateUserSig } from "./usersig";

// Never logs the UserSig or the secret key.

export const EXPIRY_WARNING_MS = 7 * 24 * 3600 * 1000;

export type UserSigStatus = {
  source: "secret-key" | "fixed";
  expiresAt: string | null;
  expiringSoon: boolean;
};

export type Credentials = {
  readonly source: "secret-key" | "fixed";
  userSig(): string;
  /** True when a fresh UserSig can replace the refused one (never for a fixed UserSig). */
  renewAfterRejection(rejected: string): boolean;
  status(): UserSigStatus;
};

export type CredentialsConfig = {
  sdkAppId: number;
  identifier: string;
  secretKey?: string;
  adminUserSig?: string;
};

export type CredentialsOptions = {
  now?: () => number;
  /** Tencent recommends a lifetime of at least a day. */
  userSigTtlSeconds?: number;
  renewAtRemainingFraction?: number;
  logger: Logger;
};

export function createCredentials(
  config: CredentialsConfig,
  options: CredentialsOptions,
): Credentials {
  const now = options.now ?? Date.now;
  if (config.secretKey) return generated(config, config.secretKey, now, options);
  if (config.adminUserSig) return fixed(config, config.adminUserSig, now, options.logger);
  throw new Error("TRTC credentials missing: set TRTC_SECRET_KEY or TRTC_ADMIN_USERSIG");
}

function generated(
  config: CredentialsConfig,
  secretKey: string,
  now: () => number,
  options: CredentialsOptions,
): Credentials {
  const ttlSeconds = options.userSigTtlSeconds ?? 2 * 24 * 3600;
  const renewAtMs = ttlSeconds * 1000 * (options.renewAtRemainingFraction ?? 0.5);
  let cached: { sig: string; expiresAtMs: number } | null = null;

  const issue = () => {
    const nowMs = now();
    const sig = generateUserSig({
      sdkAppId: config.sdkAppId,
      secretKey,
      identifier: config.identifier,
      expireSeconds: ttlSeconds,
      nowMs,
    });
    cached = { sig, expiresAtMs: Math.floor(nowMs / 1000) * 1000 + ttlSeconds * 1000 };
    options.logger.info(
      { event: "usersig_generated", expiresAt: new Date(cached.expiresAtMs).toISOString() },
      "admin UserSig generated",
    );
    return cached;
  };
  const current = () => (cached && cached.expiresAtMs - now() > renewAtMs ? cached : issue());

  return {
    source: "secret-key",
    userSig: () => current().sig,
    renewAfterRejection(rejected) {
      // Several requests may fail with the same old UserSig at once; only the first regenerates.
      if (cached?.sig === rejected) issue();
      return true;
    },
    status: () => ({
      source: "secret-key",
      expiresAt: new Date(current().expiresAtMs).toISOString(),
      expiringSoon: false,
    }),
  };
}

function fixed(
  config: CredentialsConfig,
  userSig: string,
  now: () => number,
  logger: Logger,
): Credentials {
  const decoded = decodeUserSig(userSig);
  if (!decoded) {
    logger.warn(
      { event: "usersig_unreadable" },
      "TRTC_ADMIN_USERSIG cannot be decoded; its expiry is unknown",
    );
  } else if (decoded.identifier !== config.identifier || decoded.sdkAppId !== config.sdkAppId) {
    logger.warn(
      {
        event: "usersig_mismatch",
        usersigIdentifier: decoded.identifier,
        usersigSdkAppId: decoded.sdkAppId,
      },
      "TRTC_ADMIN_USERSIG was issued for another identifier or app; Tencent will refuse it",
    );
  }
  let warned = false;
  const status = (): UserSigStatus => {
    if (!decoded) return { source: "fixed", expiresAt: null, expiringSoon: false };
    const left = decoded.expiresAt.getTime() - now();
    const expiringSoon = left < EXPIRY_WARNING_MS;
    if (expiringSoon && !warned) {
      warned = true;
      logger.warn(
        {
          event: "usersig_expiring",
          expiresAt: decoded.expiresAt.toISOString(),
          daysLeft: Math.max(0, Math.floor(left / 86_400_000)),
        },
        left > 0
          ? "TRTC_ADMIN_USERSIG expires in less than 7 days"
          : "TRTC_ADMIN_USERSIG has expired",
      );
    }
    return { source: "fixed", expiresAt: decoded.expiresAt.toISOString(), expiringSoon };
  };
  status();
  return { source: "fixed", userSig: () => userSig, renewAfterRejection: () => false, status };
}
