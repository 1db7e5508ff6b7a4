import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";

import type { CallStore } from "./call-store";
import { handleCloud } from "./cloud-api";
import { newCloudState } from "./cloud-state";
import { handleControl } from "./control";
import { EMULATOR_DEFAULTS, EMULATOR_EXTRA_DEFAULTS } from "./defaults";
import { generateCalls } from "./generator";
import { sendJson } from "./http-util";
import { handleTencent } from "./pipeline";
import { RateLimiter, type RateLimitAlgorithm } from "./rate-limit";
import { DEFAULT_READINGS, type Readings } from "./readings";
import { RequestCounts } from "./request-counts";
import type { EmulatorState, Faults, ResolvedOptions } from "./state";
import { UserSigCache } from "./usersig";
import { WebhookDispatcher } from "./webhooks";

export type { CallStore, CallSnapshot } from "./call-store";

export type EmulatorOptions = {
  /** 0 = ephemeral; default EMULATOR_DEFAULTS.port. */
  port?: number;
  host?: string;
  sdkAppId?: number;
  secretKey?: string;
  /** Cloud API 3.0 key pair for the call-quality actions. */
  cloudSecretId?: string;
  cloudSecretKey?: string;
  adminIdentifiers?: string[];
  seed?: number;
  /** Generated calls over the 7 days before now (0 allowed). */
  calls?: number;
  /** Generated calls in progress at start. */
  liveCalls?: number;
  /** A record appears this long after its call ends (Tencent: about 5 s). */
  recordDelayMs?: number;
  /** Documented per-endpoint rate limits on/off. */
  rateLimit?: boolean;
  /** How the limits count (default "sliding-window": at most N in any 1-s window). */
  rateLimitAlgorithm?: RateLimitAlgorithm;
  maxPageSize?: number;
  /** Bodies larger than this are refused (default 1 MiB). */
  maxBodyBytes?: number;
  /** A request held by the hang fault is cut after this long (default 120 s). */
  hangCapMs?: number;
  /** Readings of Tencent's ambiguous docs from the start (restored by DELETE /__emulator/readings). */
  readings?: Partial<Readings>;
  /** Faults active from the start (and restored by DELETE /__emulator/faults). */
  faults?: Partial<Omit<Faults, "rateLimit">>;
  /** Deliver webhooks to the configured callback URLs (default true). */
  webhooks?: boolean;
  /** Also deliver to non-loopback hosts (default false: nothing leaves the machine). */
  webhookAnyHost?: boolean;
  /** Delay before each delivery attempt (default Tencent's 0, 1, 1, 2, 3, 5 s). */
  webhookRetryDelaysMs?: number[];
  /** Chat webhook authentication token (1–128 characters): v4 deliveries get Sign/RequestTime. */
  callbackAuthToken?: string | null;
  /** Injectable clock, ms. */
  now?: () => number;
  logRequests?: boolean;
};

export type Emulator = {
  /** Base for both /v4 and /v1 paths, e.g. "http://127.0.0.1:43125". */
  url: string;
  /** Ground truth: the emulator's own calls (replaced on reset, so read it each time). */
  readonly store: CallStore;
  close(): Promise<void>;
};

function resolve(opts: EmulatorOptions): ResolvedOptions {
  return {
    port: opts.port ?? EMULATOR_DEFAULTS.port,
    host: opts.host ?? "127.0.0.1",
    sdkAppId: opts.sdkAppId ?? EMULATOR_DEFAULTS.sdkAppId,
    secretKey: opts.secretKey ?? EMULATOR_DEFAULTS.secretKey,
    cloudSecretId: opts.cloudSecretId ?? EMULATOR_DEFAULTS.cloudSecretId,
    cloudSecretKey: opts.cloudSecretKey ?? EMULATOR_DEFAULTS.cloudSecretKey,
    adminIdentifiers: opts.adminIdentifiers ?? [...EMULATOR_DEFAULTS.adminIdentifiers],
    seed: opts.seed ?? EMULATOR_DEFAULTS.seed,
    calls: opts.calls ?? EMULATOR_DEFAULTS.calls,
    liveCalls: opts.liveCalls ?? EMULATOR_EXTRA_DEFAULTS.liveCalls,
    recordDelayMs: opts.recordDelayMs ?? EMULATOR_EXTRA_DEFAULTS.recordDelayMs,
    rateLimit: opts.rateLimit ?? true,
    rateLimitAlgorithm: opts.rateLimitAlgorithm ?? "sliding-window",
    maxPageSize: opts.maxPageSize ?? EMULATOR_EXTRA_DEFAULTS.maxPageSize,
    maxBodyBytes: opts.maxBodyBytes ?? 1024 * 1024,
    hangCapMs: opts.hangCapMs ?? 120_000,
    logRequests: opts.logRequests ?? false,
    callbackAuthToken: opts.callbackAuthToken ?? null,
    baseNow: opts.now ?? Date.now,
  };
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const options = resolve(opts);
  const initialFaults: Faults = {
    latencyMs: opts.faults?.latencyMs ?? 0,
    errorRate: opts.faults?.errorRate ?? 0,
    hangRate: opts.faults?.hangRate ?? 0,
    http502Rate: opts.faults?.http502Rate ?? 0,
    errorCode: opts.faults?.errorCode ?? null,
    rateLimit: options.rateLimit,
    onlyPaths: opts.faults?.onlyPaths ?? null,
    hiddenCallIds: opts.faults?.hiddenCallIds ?? null,
  };
  const initialReadings: Readings = { ...DEFAULT_READINGS, ...opts.readings };
  const state: EmulatorState = {
    options,
    store: undefined as unknown as CallStore,
    clockOffsetMs: 0,
    now: () => options.baseNow() + state.clockOffsetMs,
    faults: { ...initialFaults },
    initialFaults,
    readings: { ...initialReadings },
    initialReadings,
    callbacks: {},
    callbackSince: {},
    callbackAuthToken: options.callbackAuthToken,
    presence: new Map(),
    cloud: newCloudState(),
  };
  const limiter = new RateLimiter(options.rateLimitAlgorithm);
  const requests = new RequestCounts();
  const sigCache = new UserSigCache();
  const hanging = new Set<IncomingMessage>();
  const regenerate = (): void => {
    state.store = generateCalls({
      seed: options.seed,
      calls: options.calls,
      liveCalls: options.liveCalls,
      clock: state.now,
      recordDelayMs: options.recordDelayMs,
    });
  };
  regenerate();
  const webhooks = new WebhookDispatcher(() => state, {
    tickMs: 200,
    anyHost: opts.webhookAnyHost ?? false,
    retryDelaysMs: opts.webhookRetryDelaysMs ?? [0, 1000, 1000, 2000, 3000, 5000],
    timeoutMs: 3000,
  });
  if (opts.webhooks ?? true) webhooks.start();
  const reset = (): void => {
    state.clockOffsetMs = 0;
    state.faults = { ...initialFaults };
    state.readings = { ...initialReadings };
    state.callbacks = {};
    state.callbackSince = {};
    state.callbackAuthToken = options.callbackAuthToken;
    state.presence.clear();
    state.cloud = newCloudState();
    limiter.clear();
    requests.clear();
    sigCache.clear();
    regenerate();
  };

  const server: Server = createServer((req, res) => {
    const started = performance.now();
    const url = req.url ?? "/";
    const qi = url.indexOf("?");
    const path = qi === -1 ? url : url.slice(0, qi);
    const search = qi === -1 ? "" : url.slice(qi + 1);
    const control = path.startsWith("/__emulator/");
    // Cloud API 3.0 (call quality) names its action in a header, on any path (Tencent uses "/");
    // its own counts are at /__emulator/cloud.
    const cloud = req.headers["x-tc-action"] !== undefined;
    const work = cloud
      ? handleCloud(req, res, path, search, { state: () => state, limiter })
      : control
        ? handleControl(req, res, path, search, {
            state: () => state,
            reset,
            resetLimits: () => limiter.clear(),
            webhooks,
            requests,
          })
        : handleTencent(req, res, path, search, {
            state: () => state,
            limiter,
            sigCache,
            hanging,
          });
    work
      .then((code) => {
        if (!control && !cloud) requests.record(path, code as number);
        // The path only: query strings carry UserSigs, which must never reach a log.
        if (options.logRequests) {
          console.log(
            `${req.method} ${path} → ${code} (${(performance.now() - started).toFixed(1)} ms)`,
          );
        }
      })
      .catch((e: unknown) => {
        console.error("emulator: request failed", path, e);
        sendJson(res, 200, {
          ActionStatus: "FAIL",
          ErrorCode: 101001,
          ErrorInfo: "internal server error",
          RequestId: "",
        });
      });
  });
  server.keepAliveTimeout = 65_000;
  const sockets = new Set<Socket>();
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  server.on("clientError", (_err, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n");
    else socket.destroy();
  });

  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(options.port, options.host, () => {
      server.off("error", fail);
      ok();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  let closed: Promise<void> | undefined;
  return {
    url: `http://${host}:${address.port}`,
    get store() {
      return state.store;
    },
    close() {
      closed ??= new Promise<void>((ok) => {
        webhooks.stop();
        server.close(() => ok());
        for (const s of sockets) s.destroy();
      });
      return closed;
    },
  };
}
