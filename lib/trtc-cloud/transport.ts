import "server-only";

import dns, { type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";

import type { Logger } from "pino";
import { CommonClient } from "tencentcloud-sdk-nodejs-common";

import type { TrtcCloudConfig } from "@/lib/env";
import { PermitLimiter } from "@/lib/trtc/throttle";

import { QualityUnavailableError, fromTencentError } from "./errors";

// One signed Cloud API 3.0 call: the Tencent SDK signs (TC3-HMAC-SHA256) and sends; this module adds
// the documented 20 requests/s per action, a timeout, and plain errors. Secrets stay inside the SDK.

export const SERVICE_VERSION = "2019-07-22";
/** Tencent's documented limit for each monitoring action, requests per second. */
export const ACTION_LIMIT_PER_SECOND = 20;

export type CloudTransportOptions = {
  logger: Logger;
  timeoutMs?: number;
  /** Longest wait for a rate-limit slot before giving up. */
  maxQueueMs?: number;
};

export type CloudCall = (action: string, params: Record<string, unknown>) => Promise<unknown>;

// RFC 6761: *.localhost is loopback. glibc does not resolve it, so the emulator's
// trtc.localhost endpoint is looked up here; every other name goes to the system resolver.
function lookup(
  hostname: string,
  options: dns.LookupOptions,
  callback: (
    err: NodeJS.ErrnoException | null,
    address: string | LookupAddress[],
    family?: number,
  ) => void,
): void {
  if (hostname === "localhost" || hostname.endsWith(".localhost")) {
    if (options.all) callback(null, [{ address: "127.0.0.1", family: 4 }]);
    else callback(null, "127.0.0.1", 4);
    return;
  }
  dns.lookup(hostname, options, callback as never);
}

// On globalThis: Next.js may load this module in several bundles, and Tencent counts per key.
const REGISTRY = Symbol.for("call-console.trtc-cloud.limiters");
const limiters: Map<string, PermitLimiter> = ((globalThis as Record<symbol, unknown>)[REGISTRY] ??=
  new Map<string, PermitLimiter>()) as Map<string, PermitLimiter>;

function limiterFor(config: TrtcCloudConfig, action: string): PermitLimiter {
  const key = `${config.endpoint}|${config.secretId}|${action}`;
  let limiter = limiters.get(key);
  if (!limiter) {
    limiter = new PermitLimiter(ACTION_LIMIT_PER_SECOND);
    limiters.set(key, limiter);
  }
  return limiter;
}

/** The Tencent SDK's client for the endpoint (also used bare by tests, without the throttle). */
export function sdkClient(config: TrtcCloudConfig, timeoutMs: number): CommonClient {
  const url = new URL(config.endpoint);
  const agent =
    url.protocol === "https:"
      ? new https.Agent({ keepAlive: true, lookup })
      : new http.Agent({ keepAlive: true, lookup });
  return new CommonClient(url.host, SERVICE_VERSION, {
    credential: { secretId: config.secretId, secretKey: config.secretKey },
    region: config.region,
    profile: {
      httpProfile: {
        protocol: `${url.protocol}//`,
        reqMethod: "POST",
        reqTimeout: Math.ceil(timeoutMs / 1000),
        agent,
      },
    },
  });
}

export function createCloudTransport(
  config: TrtcCloudConfig,
  options: CloudTransportOptions,
): CloudCall {
  const client = sdkClient(config, options.timeoutMs ?? 10_000);
  const logger = options.logger;

  return async (action, params) => {
    const release = await limiterFor(config, action).acquire(options.maxQueueMs ?? 30_000);
    if (!release) {
      throw new QualityUnavailableError({
        reason: "upstream",
        message: `Too many quality queries are waiting for Tencent's ${ACTION_LIMIT_PER_SECOND}/s limit; try again shortly.`,
      });
    }
    const started = performance.now();
    try {
      const response = (await client.request(action, params)) as unknown;
      logger.debug({ action, ms: Math.round(performance.now() - started) }, "trtc cloud call");
      return response;
    } catch (error) {
      throw toUnavailable(error, action, logger);
    } finally {
      release(performance.now());
    }
  };
}

type SdkError = { code?: string; message?: string; requestId?: string; httpCode?: number };

function toUnavailable(error: unknown, action: string, logger: Logger): QualityUnavailableError {
  const e = (typeof error === "object" && error !== null ? error : {}) as SdkError;
  // Log code, RequestId and action only: the SDK's messages never carry the key, but be sure.
  logger.warn({ action, code: e.code, requestId: e.requestId }, "trtc cloud call failed");
  if (e.code) return fromTencentError(e.code, e.message ?? "", e.requestId || undefined);
  const http = e.httpCode ? `HTTP ${e.httpCode}` : "no answer";
  return new QualityUnavailableError({
    reason: "upstream",
    message: `Tencent's monitoring API could not be reached (${http} on ${action}); try again later.`,
  });
}
