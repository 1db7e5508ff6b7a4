import type { CallStore } from "./call-store";
import type { CloudState } from "./cloud-state";
import type { Readings } from "./readings";

// Everything a request handler may read or change. One object per running emulator.

export type ResolvedOptions = {
  port: number;
  host: string;
  sdkAppId: number;
  secretKey: string;
  /** Cloud API 3.0 key pair (call quality). */
  cloudSecretId: string;
  cloudSecretKey: string;
  adminIdentifiers: string[];
  seed: number;
  calls: number;
  liveCalls: number;
  recordDelayMs: number;
  rateLimit: boolean;
  rateLimitAlgorithm: "sliding-window" | "token-bucket";
  maxPageSize: number;
  maxBodyBytes: number;
  hangCapMs: number;
  logRequests: boolean;
  /** Webhook authentication token at start-up (null = v4 deliveries are not signed). */
  callbackAuthToken: string | null;
  baseNow: () => number;
};

export type PresenceStatus = "Online" | "PushOnline" | "Offline";

export type Faults = {
  latencyMs: number;
  errorRate: number;
  hangRate: number;
  http502Rate: number;
  /**
   * The code an injected error answers with instead of the internal error (e.g. 50001, "no Group
   * Call package", or a not-found code to make Tencent forget a call); null = the internal error.
   */
  errorCode: number | null;
  rateLimit: boolean;
  /** Path prefixes the faults apply to; null = every Tencent path. */
  onlyPaths: string[] | null;
  /** Calls that filter answers count in their total but leave out of every page; null = none. */
  hiddenCallIds: string[] | null;
};

export type EmulatorState = {
  options: ResolvedOptions;
  store: CallStore;
  clockOffsetMs: number;
  now: () => number;
  faults: Faults;
  initialFaults: Faults;
  /** How the emulator reads Tencent's ambiguous docs (readings.ts). */
  readings: Readings;
  initialReadings: Readings;
  callbacks: {
    v1?: { address: string; actions: string[] };
    v4?: { Url: string; CallbackCommandList: string[] };
  };
  /** When each generation's callback was first configured: webhooks cover events from then on. */
  callbackSince: { v1?: number; v4?: number };
  /** Chat's webhook authentication token: when set, v4 deliveries carry Sign and RequestTime. */
  callbackAuthToken: string | null;
  /** Presence set through the control endpoint; wins over what the calls and the seed say. */
  presence: Map<string, PresenceStatus>;
  /** The Cloud API (call quality) switches, scripted quality and request log. */
  cloud: CloudState;
};
