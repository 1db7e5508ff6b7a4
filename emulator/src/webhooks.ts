import { createHash } from "node:crypto";

import { BLOCK } from "./call-columns";
import type { CallStore } from "./call-store";
import { v1CallbackBody } from "./readings";
import type { EmulatorState } from "./state";
import { eventsOf, type WebhookEvent } from "./webhook-events";

// Webhook delivery to the configured callback URLs. A ticker looks at calls active in the last few
// minutes (by the emulator clock) and sends each event once, with Tencent's documented retry
// schedule. Only loopback URLs are called unless `anyHost` is set: tests and demos run here, and
// the emulator must never send traffic off the machine by surprise.

export type Delivery = {
  id: number;
  generation: "v1" | "v4";
  command: string;
  callId: string;
  url: string;
  eventTime: number;
  attempts: number;
  status: "pending" | "delivered" | "failed" | "skipped";
  httpStatus?: number;
  error?: string;
  body: Record<string, unknown>;
};

export type WebhookOptions = {
  tickMs: number;
  anyHost: boolean;
  /** Delay before each attempt; Tencent documents 0, 1, 1, 2, 3, 5 s. */
  retryDelaysMs: number[];
  timeoutMs: number;
};

/** Events older than this (emulator time) are never sent: a clock jump must not flood receivers. */
const WINDOW_MS = 10 * 60_000;
const LOG_MAX = 500;

const LOOPBACK = /^(127(\.\d{1,3}){3}|localhost|\[::1\]|::1)$/i;

/**
 * Chat's webhook authentication: `Sign` = hex SHA-256 of the token followed by `RequestTime`
 * (Unix seconds, as text). Receivers recompute it and reject stale RequestTimes.
 */
export function callbackSign(token: string, requestTime: number): string {
  return createHash("sha256").update(`${token}${requestTime}`).digest("hex");
}

export class WebhookDispatcher {
  private readonly sent = new Map<string, number>();
  /** Per call and generation: the previous delivery's first attempt, so events arrive in order. */
  private readonly queues = new Map<string, Promise<void>>();
  private store: CallStore | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly pending = new Set<NodeJS.Timeout>();
  private readonly aborts = new Set<AbortController>();
  private seq = 0;
  private stopped = false;
  readonly log: Delivery[] = [];

  constructor(
    private readonly state: () => EmulatorState,
    private readonly opts: WebhookOptions,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.tick(), this.opts.tickMs);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
    for (const t of this.pending) clearTimeout(t);
    for (const a of this.aborts) a.abort();
    this.pending.clear();
  }

  /** Finds events due since the callbacks were configured and sends the new ones. */
  tick(): void {
    const st = this.state();
    if (st.store !== this.store) {
      this.store = st.store;
      this.sent.clear();
    }
    const since = st.callbackSince;
    if (since.v1 === undefined && since.v4 === undefined) return;
    const now = st.now();
    const from = Math.max(now - WINDOW_MS, Math.min(since.v1 ?? Infinity, since.v4 ?? Infinity));
    const store = st.store;
    const c = store.cols;
    const blocks = Math.ceil(c.count / BLOCK);
    scan: for (let b = 0; b < blocks; b++) {
      if (c.blockMaxEnd[b]! < from) continue;
      const end = Math.min(c.count, (b + 1) * BLOCK);
      for (let p = b * BLOCK; p < end; p++) {
        const row = c.order[p]!;
        if (c.startMs[row]! > now) break scan; // rows are in start order
        if (c.endAt(row) < from) continue;
        for (const e of eventsOf(store, row, from, now)) this.consider(st, e);
      }
    }
    for (const [key, at] of this.sent) if (at < now - 2 * WINDOW_MS) this.sent.delete(key);
  }

  private consider(st: EmulatorState, e: WebhookEvent): void {
    const since = st.callbackSince[e.generation];
    if (since === undefined || e.at < since || this.sent.has(e.key)) return;
    this.sent.set(e.key, e.at);
    const url = e.generation === "v4" ? st.callbacks.v4?.Url : st.callbacks.v1?.address;
    const wanted =
      e.generation === "v4"
        ? st.callbacks.v4?.CallbackCommandList.includes(e.command)
        : st.callbacks.v1?.actions.includes(e.command);
    if (!url || !wanted) return;
    const delivery: Delivery = {
      id: ++this.seq,
      generation: e.generation,
      command: e.command,
      callId: e.key.slice(0, e.key.indexOf(":")),
      url,
      eventTime: e.at,
      attempts: 0,
      status: "pending",
      body: e.generation === "v1" ? v1CallbackBody(e.body, st.readings) : e.body,
    };
    this.log.push(delivery);
    if (this.log.length > LOG_MAX) this.log.splice(0, this.log.length - LOG_MAX);
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      delivery.status = "failed";
      delivery.error = "invalid URL";
      return;
    }
    if (!this.opts.anyHost && !LOOPBACK.test(target.hostname)) {
      delivery.status = "skipped";
      delivery.error = "not a loopback address (set EMULATOR_WEBHOOK_ANY_HOST=true to allow)";
      return;
    }
    const q = target.searchParams;
    const sdkAppId = String(st.options.sdkAppId);
    if (e.generation === "v4") {
      q.set("SdkAppid", sdkAppId);
      q.set("CallbackCommand", e.command);
      q.set("contenttype", "json");
      q.set("ClientIP", "127.0.0.1");
      q.set("OptPlatform", "RESTAPI");
    } else {
      q.set("sdkappid", sdkAppId);
      q.set("command", e.command);
      q.set("contenttype", "json");
      q.set("clientip", "127.0.0.1");
      q.set("optplatform", "Web");
    }
    const queue = `${delivery.callId}:${e.generation}`;
    const previous = this.queues.get(queue) ?? Promise.resolve();
    const firstTry = previous.then(() => this.attempt(delivery, target, 0, () => this.signer(e)));
    this.queues.set(queue, firstTry);
    void firstTry.finally(() => {
      if (this.queues.get(queue) === firstTry) this.queues.delete(queue);
    });
  }

  /** v4 only, when a token is configured: each attempt is signed at the moment it is sent. */
  private signer(e: WebhookEvent): string | undefined {
    return e.generation === "v4" ? (this.state().callbackAuthToken ?? undefined) : undefined;
  }

  /** One attempt; resolves when the first try has an answer (retries carry on by themselves). */
  private attempt(d: Delivery, target: URL, index: number, token: () => string | undefined) {
    return new Promise<void>((settled) => {
      if (this.stopped) return settled();
      const timer = setTimeout(() => {
        this.pending.delete(timer);
        d.attempts++;
        const url = new URL(target);
        const secret = token();
        if (secret !== undefined) {
          // RequestTime is when the request leaves, by the wall clock the receiver also reads.
          const requestTime = Math.floor(Date.now() / 1000);
          url.searchParams.set("Sign", callbackSign(secret, requestTime));
          url.searchParams.set("RequestTime", String(requestTime));
        }
        const abort = new AbortController();
        this.aborts.add(abort);
        const timeout = setTimeout(() => abort.abort(), this.opts.timeoutMs);
        fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(d.body),
          signal: abort.signal,
        })
          .then(async (res) => {
            d.httpStatus = res.status;
            const text = await res.text();
            let code: unknown;
            try {
              code = (JSON.parse(text) as { ErrorCode?: unknown }).ErrorCode;
            } catch {
              code = undefined;
            }
            // Tencent retries on an HTTP error or a body whose ErrorCode is not 0.
            if (!res.ok || code !== 0)
              throw new Error(`HTTP ${res.status}, ErrorCode ${String(code)}`);
            d.status = "delivered";
            delete d.error;
          })
          .catch((err: unknown) => {
            d.error = err instanceof Error ? err.message : String(err);
            if (index + 1 < this.opts.retryDelaysMs.length && !this.stopped) {
              void this.attempt(d, target, index + 1, token);
            } else d.status = "failed";
          })
          .finally(() => {
            clearTimeout(timeout);
            this.aborts.delete(abort);
            settled();
          });
      }, this.opts.retryDelaysMs[index] ?? 0);
      this.pending.add(timer);
    });
  }
}
