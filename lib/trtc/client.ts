import "server-only";

import type { Logger } from "pino";

import type { Generation } from "@/lib/calls/types";
import { getEnv, type TrtcConfig } from "@/lib/env";
import { log } from "@/lib/log";

import {
  deleteCallbackConfig,
  getCallbackConfig,
  setCallbackConfig,
  type CallbackConfig,
} from "./callbacks";
import { createCredentials, type UserSigStatus } from "./credentials";
import { endCall, getCallInfo, startCallByRobot, type StartCallInput } from "./live";
import { getRecord, listRecordsPage, type ListRecordsInput } from "./records";
import { createTransport, type Contact, type TransportOptions } from "./transport";

// The upstream client: one object per configured app, built from lib/env in the app and from
// explicit config in tests. Methods return lib/calls types plus Tencent's RequestIds and throw
// TrtcError (upstream) or ZodError (bad input, naming the field).

export type TrtcClientOptions = Omit<TransportOptions, "logger" | "credentials"> & {
  logger?: Logger;
  /** Clock for UserSig lifetime decisions (tests move it together with the emulator's). */
  now?: () => number;
  userSigTtlSeconds?: number;
  renewAtRemainingFraction?: number;
};

export type TrtcClient = ReturnType<typeof createTrtcClient>;

export function createTrtcClient(config: TrtcConfig, options: TrtcClientOptions = {}) {
  const logger = (options.logger ?? log).child({ component: "trtc" });
  const credentials = createCredentials(config, {
    logger,
    now: options.now,
    userSigTtlSeconds: options.userSigTtlSeconds,
    renewAtRemainingFraction: options.renewAtRemainingFraction,
  });
  const transport = createTransport(config, { ...options, logger, credentials });

  return {
    mode: config.mode,
    recordsApi: config.recordsApi,
    /** Where requests go, for the engineers' panel and logs at start-up. Holds no secret. */
    upstream: {
      sdkAppId: config.sdkAppId,
      identifier: config.identifier,
      chatBaseUrl: config.chatBaseUrl,
      callkitBaseUrl: config.callkitBaseUrl,
    },
    getCallInfo: (callId: string) => getCallInfo(transport, callId),
    endCall: (callId: string) => endCall(transport, callId),
    startCallByRobot: (input: StartCallInput) => startCallByRobot(transport, input),
    getRecord: (callId: string) => getRecord(transport, logger, config.recordsApi, callId),
    listRecordsPage: (input: ListRecordsInput) => listRecordsPage(transport, logger, input),
    getCallbackConfig: (generation: Generation) => getCallbackConfig(transport, generation),
    setCallbackConfig: (generation: Generation, input: CallbackConfig) =>
      setCallbackConfig(transport, generation, input),
    deleteCallbackConfig: (generation: Generation) => deleteCallbackConfig(transport, generation),
    userSigStatus: (): UserSigStatus => credentials.status(),
    lastContact: (): Contact | null => transport.lastContact(),
  };
}

// On globalThis so that every bundle Next.js loads this module into shares one client (one
// UserSig cache) per process.
const SINGLETON = Symbol.for("call-console.trtc.client");
const holder = globalThis as Record<symbol, TrtcClient | undefined>;

/** The process's client, built on first use from `getEnv().trtc`. */
export function getTrtcClient(): TrtcClient {
  return (holder[SINGLETON] ??= createTrtcClient(getEnv().trtc));
}
