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
import { queryOnlineStatus } from "./presence";
import {
  getRecord,
  listRecordsPage,
  type GetRecordOptions,
  type ListRecordsInput,
} from "./records";
import { createTransport, type Contact, type TransportOptions } from "./transport";

export type TrtcClientOptions = Omit<TransportOptions, "logger" | "credentials"> & {
  logger?: Logger;
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
    /** Shown in the engineers' panel and start-up logs, so it must hold no secret. */
    upstream: {
      sdkAppId: config.sdkAppId,
      identifier: config.identifier,
      chatBaseUrl: config.chatBaseUrl,
      callkitBaseUrl: config.callkitBaseUrl,
    },
    getCallInfo: (callId: string) => getCallInfo(transport, callId),
    endCall: (callId: string) => endCall(transport, callId),
    startCallByRobot: (input: StartCallInput) => startCallByRobot(transport, input),
    getRecord: (callId: string, options?: GetRecordOptions) =>
      getRecord(transport, logger, config.recordsApi, callId, options),
    listRecordsPage: (input: ListRecordsInput) => listRecordsPage(transport, logger, input),
    queryOnlineStatus: (userIds: string[]) => queryOnlineStatus(transport, userIds),
    getCallbackConfig: (generation: Generation) => getCallbackConfig(transport, generation),
    setCallbackConfig: (generation: Generation, input: CallbackConfig) =>
      setCallbackConfig(transport, generation, input),
    deleteCallbackConfig: (generation: Generation) => deleteCallbackConfig(transport, generation),
    userSigStatus: (): UserSigStatus => credentials.status(),
    lastContact: (): Contact | null => transport.lastContact(),
  };
}

// On globalThis so every Next.js bundle in the process shares one client and one UserSig cache.
const SINGLETON = Symbol.for("call-console.trtc.client");
const holder = globalThis as Record<symbol, TrtcClient | undefined>;

export function getTrtcClient(): TrtcClient {
  return (holder[SINGLETON] ??= createTrtcClient(getEnv().trtc));
}
