import "server-only";

import { randomInt } from "node:crypto";

import type { Logger } from "pino";
import { Agent, request, type Dispatcher } from "undici";

import type { Generation } from "@/lib/calls/types";

import type { Credentials } from "./credentials";
import { parseEnvelope } from "./envelopes";
import { TrtcError } from "./errors";
import {
  acquirePermit,
  limitFor,
  processLimiters,
  type LimiterRegistry,
  type Release,
} from "./throttle";

export type TransportConfig = {
  sdkAppId: number;
  identifier: string;
  chatBaseUrl: string;
  callkitBaseUrl: string;
};

export type TransportOptions = {
  logger: Logger;
  credentials: Credentials;
  /** Per attempt; a little longer than Tencent's backend timeout, so its own answer arrives. */
  attemptTimeoutMs?: number;
  /** Throttle waits and retries included. */
  deadlineMs?: number;
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Per-endpoint limits (`"v4:/v4/…"` → requests per second) overriding the documented ones. */
  rateLimits?: Record<string, number>;
  /** Off only in benchmarks that measure raw overhead. */
  throttle?: boolean;
  /** The process's limiters unless given: tests run several "instances" in one process. */
  limiters?: LimiterRegistry;
  dispatcher?: Dispatcher;
};

export type CallSpec = {
  generation: Generation;
  operation: string;
  path: string;
  body: unknown;
  // When false, retried only where Tencent surely did not act: a rate limit, a refused UserSig, or
  // a connection never made.
  idempotent?: boolean;
  /** Codes that are an answer ("no such live call"): still thrown, never retried, logged at info. */
  answers?: readonly number[];
};

export type UpstreamResult = {
  payload: unknown;
  requestId: string | null;
  raw: unknown;
  attempts: number;
};

export type Contact = { at: number; answered: boolean };

const RETRYABLE_HTTP = new Set([502, 503, 504]);
const NEVER_CONNECTED = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "UND_ERR_CONNECT_TIMEOUT",
]);

const AGENT = Symbol.for("call-console.trtc.agent");
// Tencent's FAQ asks for long connections and pooling; on globalThis like the throttle registry.
function defaultDispatcher(): Agent {
  const g = globalThis as Record<symbol, Agent | undefined>;
  return (g[AGENT] ??= new Agent({
    connections: 64,
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 120_000,
    pipelining: 1,
  }));
}

export type Transport = {
  call(spec: CallSpec): Promise<UpstreamResult>;
  lastContact(): Contact | null;
};

export function createTransport(config: TransportConfig, options: TransportOptions): Transport {
  const attemptTimeoutMs = options.attemptTimeoutMs ?? 5_000;
  const deadlineMs = options.deadlineMs ?? 15_000;
  const maxAttempts = options.maxAttempts ?? 3;
  const backoffBaseMs = options.backoffBaseMs ?? 200;
  const backoffMaxMs = options.backoffMaxMs ?? 2_000;
  const dispatcher = options.dispatcher ?? defaultDispatcher();
  const limiters = options.limiters ?? processLimiters();
  const { logger, credentials } = options;
  const fixedQuery = `sdkappid=${config.sdkAppId}&identifier=${encodeURIComponent(config.identifier)}`;
  const base = (g: Generation) =>
    (g === "v4" ? config.chatBaseUrl : config.callkitBaseUrl).replace(/\/+$/, "");
  let contact: Contact | null = null;

  async function attempt(
    spec: CallSpec,
    userSig: string,
    attemptNo: number,
    deadlineAt: number,
  ): Promise<UpstreamResult> {
    const { generation, operation } = spec;
    let release: Release | undefined;
    if (options.throttle !== false) {
      const limit = limitFor(generation, spec.path, options.rateLimits);
      const limiter = limiters.limiterFor(
        `${base(generation)}|${config.sdkAppId}`,
        generation,
        spec.path,
        limit,
      );
      release = await acquirePermit(limiter, deadlineAt, { generation, operation });
    }
    let answeredAt: number | undefined;
    try {
      return await send(spec, userSig, attemptNo, deadlineAt, () => {
        answeredAt = performance.now();
      });
    } finally {
      release?.(answeredAt);
    }
  }

  async function send(
    spec: CallSpec,
    userSig: string,
    attemptNo: number,
    deadlineAt: number,
    /** Called when the answer's status and headers have arrived (see throttle.ts). */
    onAnswer: () => void,
  ): Promise<UpstreamResult> {
    const { generation, operation } = spec;
    const url = `${base(generation)}${spec.path}?${fixedQuery}&usersig=${encodeURIComponent(userSig)}&random=${randomInt(0, 4294967296)}&contenttype=json`;
    // Whole milliseconds: AbortSignal.timeout refuses fractions.
    const timeout = Math.floor(Math.min(attemptTimeoutMs, deadlineAt - performance.now()));
    const started = performance.now();
    const logLine = (fields: Record<string, unknown>) => {
      const line = {
        operation,
        generation,
        path: spec.path,
        attempt: attemptNo,
        latencyMs: Math.round((performance.now() - started) * 10) / 10,
        ...fields,
      };
      const answered =
        fields.code === 0 ||
        (typeof fields.code === "number" && spec.answers?.includes(fields.code));
      if (answered) logger.info(line, "trtc upstream call");
      else logger.warn(line, "trtc upstream call failed");
    };

    let status: number;
    let text: string;
    try {
      if (timeout <= 0) throw Object.assign(new Error("deadline"), { name: "TimeoutError" });
      const res = await request(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(spec.body ?? {}),
        dispatcher,
        signal: AbortSignal.timeout(timeout),
      });
      onAnswer();
      status = res.statusCode;
      text = await res.body.text();
    } catch (error) {
      const err = error as { name?: string; code?: string };
      const timedOut =
        err.name === "TimeoutError" || err.name === "AbortError" || err.code === "UND_ERR_ABORTED";
      const code = timedOut ? "TIMEOUT" : "NETWORK";
      const detail = timedOut
        ? `no answer within ${Math.round(timeout)} ms`
        : (err.code ?? err.name ?? "connection failed");
      contact = { at: Date.now(), answered: false };
      logLine({ code, error: detail });
      // Only a refused connection proves the request never reached Tencent.
      const safeForAny = !timedOut && err.code !== undefined && NEVER_CONNECTED.has(err.code);
      throw new TrtcError({
        generation,
        operation,
        attempt: attemptNo,
        code,
        message: detail,
        retryable: spec.idempotent !== false || safeForAny,
      });
    }
    contact = { at: Date.now(), answered: true };

    if (status !== 200) {
      logLine({ code: "HTTP_STATUS", httpStatus: status });
      throw new TrtcError({
        generation,
        operation,
        attempt: attemptNo,
        code: "HTTP_STATUS",
        httpStatus: status,
        message: `HTTP ${status}`,
        retryable: RETRYABLE_HTTP.has(status) && spec.idempotent !== false,
      });
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      logLine({ code: "BAD_RESPONSE" });
      throw new TrtcError({
        generation,
        operation,
        attempt: attemptNo,
        code: "BAD_RESPONSE",
        message: "response body is not JSON",
      });
    }
    const envelope = parseEnvelope(generation, body);
    if ("error" in envelope) {
      logLine({ code: "BAD_RESPONSE", error: envelope.error });
      throw new TrtcError({
        generation,
        operation,
        attempt: attemptNo,
        code: "BAD_RESPONSE",
        message: `unexpected envelope: ${envelope.error}`,
      });
    }
    logLine({ code: envelope.code, requestId: envelope.requestId });
    if (envelope.code !== 0) {
      const init = {
        generation,
        operation,
        attempt: attemptNo,
        code: envelope.code,
        message: envelope.message,
        requestId: envelope.requestId,
      };
      const error = new TrtcError(init);
      if (spec.answers?.includes(envelope.code)) throw new TrtcError({ ...init, retryable: false });
      if (spec.idempotent === false && !error.rateLimited && !error.userSigRejected) {
        throw new TrtcError({ ...init, retryable: false });
      }
      throw error;
    }
    return {
      payload: envelope.payload,
      requestId: envelope.requestId,
      raw: body,
      attempts: attemptNo,
    };
  }

  async function call(spec: CallSpec): Promise<UpstreamResult> {
    const deadlineAt = performance.now() + deadlineMs;
    let renewed = false;
    let budget = maxAttempts;
    for (let attemptNo = 1; ; attemptNo++) {
      const userSig = credentials.userSig();
      try {
        return await attempt(spec, userSig, attemptNo, deadlineAt);
      } catch (error) {
        if (!(error instanceof TrtcError)) throw error;
        // One fresh UserSig and one more try, outside the budget: a refusal is not transient.
        if (error.userSigRejected && !renewed && credentials.renewAfterRejection(userSig)) {
          renewed = true;
          budget++;
          continue;
        }
        // Our own throttle refusing means no slot before the deadline; retrying cannot help.
        if (!error.retryable || error.code === "THROTTLED" || attemptNo >= budget) throw error;
        const ceiling = Math.min(backoffMaxMs, backoffBaseMs * 2 ** (attemptNo - 1));
        // Rate limits wait at least half the ceiling: retrying at once would be refused again.
        const delay = error.rateLimited
          ? ceiling / 2 + Math.random() * (ceiling / 2)
          : Math.random() * ceiling;
        if (performance.now() + delay >= deadlineAt) throw error;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  return { call, lastContact: () => contact };
}
