import type { IncomingMessage, ServerResponse } from "node:http";

import { handleCloudControl } from "./cloud-control";
import { parseScriptedQuality } from "./cloud-quality";
import { readBody, sendJson } from "./http-util";
import { ActionError, memberAction } from "./member-actions";
import { PRESENCE_STATUSES } from "./presence";
import { parseReadings } from "./readings";
import type { RequestCounts } from "./request-counts";
import { ControlError, parseTime, scriptedCall } from "./scripted-call";
import type { EmulatorState, Faults, PresenceStatus } from "./state";
import type { WebhookDispatcher } from "./webhooks";

// The emulator-only control endpoint under /__emulator: plain JSON and HTTP status codes, no
// UserSig. It never shows the secret key.

export type ControlDeps = {
  state: () => EmulatorState;
  reset: () => void;
  resetLimits: () => void;
  webhooks: WebhookDispatcher;
  requests: RequestCounts;
};

const bad = (res: ServerResponse, field: string, message: string): void =>
  sendJson(res, 400, { error: { code: "bad_request", field, message: `${field}: ${message}` } });

export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  search: string,
  deps: ControlDeps,
): Promise<number> {
  const st = deps.state();
  const method = req.method ?? "GET";
  let body: Record<string, unknown> = {};
  const raw = await readBody(req, 64 * 1024);
  if (!raw.ok) {
    if (raw.reason === "aborted") return -1;
    sendJson(
      res,
      413,
      { error: { code: "too_large", message: "control request bodies are capped at 64 KiB" } },
      true,
    );
    return 413;
  }
  if (raw.text.trim() !== "") {
    try {
      const parsed: unknown = JSON.parse(raw.text);
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
        throw new Error("not an object");
      body = parsed as Record<string, unknown>;
    } catch {
      bad(res, "body", "must be a JSON object");
      return 400;
    }
  }
  try {
    if (path === "/__emulator/cloud" || path.startsWith("/__emulator/cloud/"))
      return handleCloudControl(method, path, body, res, st);
    return route(method, path, new URLSearchParams(search), body, res, st, deps);
  } catch (e) {
    if (e instanceof ControlError) {
      bad(res, e.field, e.message.slice(e.field.length + 2));
      return 400;
    }
    throw e;
  }
}

function route(
  method: string,
  path: string,
  q: URLSearchParams,
  body: Record<string, unknown>,
  res: ServerResponse,
  st: EmulatorState,
  deps: ControlDeps,
): number {
  const ok = (value: unknown, status = 200): number => {
    sendJson(res, status, value);
    return status;
  };
  const key = `${method} ${path}`;
  switch (key) {
    case "GET /__emulator/health":
      return ok({
        ok: true,
        sdkAppId: st.options.sdkAppId,
        calls: st.store.size,
        live: st.store.liveRows().length,
      });
    case "GET /__emulator/stats": {
      // Process figures for benchmarks: the store lives in typed arrays, so RSS is what counts.
      const m = process.memoryUsage();
      const cpu = process.cpuUsage();
      return ok({
        calls: st.store.size,
        rssBytes: m.rss,
        heapUsedBytes: m.heapUsed,
        arrayBuffersBytes: m.arrayBuffers,
        cpuMicros: cpu.user + cpu.system,
      });
    }
    case "GET /__emulator/requests":
      return ok(deps.requests.snapshot());
    case "DELETE /__emulator/requests":
      deps.requests.clear();
      return ok(deps.requests.snapshot());
    case "GET /__emulator/config":
      return ok(publicConfig(st));
    case "GET /__emulator/faults":
      return ok(st.faults);
    case "POST /__emulator/faults":
      st.faults = { ...st.faults, ...parseFaults(body) };
      if (body.rateLimit !== undefined) deps.resetLimits();
      return ok(st.faults);
    case "DELETE /__emulator/faults":
      st.faults = { ...st.initialFaults };
      deps.resetLimits();
      return ok(st.faults);
    case "GET /__emulator/readings":
      return ok(st.readings);
    case "POST /__emulator/readings": {
      const { readings, problems } = parseReadings(body, (k) => k);
      if (problems.length > 0) throw new ControlError("readings", problems.join("; "));
      st.readings = { ...st.readings, ...readings };
      return ok(st.readings);
    }
    case "DELETE /__emulator/readings":
      st.readings = { ...st.initialReadings };
      return ok(st.readings);
    case "GET /__emulator/clock":
      return ok(clockView(st));
    case "POST /__emulator/clock": {
      if (body.nowMs !== undefined)
        st.clockOffsetMs = parseTime(body.nowMs, "nowMs") - st.options.baseNow();
      else if (typeof body.offsetMs === "number" && Number.isFinite(body.offsetMs))
        st.clockOffsetMs = body.offsetMs;
      else
        throw new ControlError(
          "offsetMs",
          "give offsetMs (number) or nowMs (epoch ms or ISO time)",
        );
      return ok(clockView(st));
    }
    case "DELETE /__emulator/clock":
      st.clockOffsetMs = 0;
      return ok(clockView(st));
    case "GET /__emulator/calls": {
      const limit = q.has("limit") ? Number(q.get("limit")) : 100;
      if (!Number.isInteger(limit) || limit < 0 || limit > 10_000)
        throw new ControlError("limit", "must be 0..10000");
      const from = q.get("from");
      const to = q.get("to");
      return ok(
        st.store.list({
          from: from ? parseTime(from, "from") : undefined,
          to: to ? parseTime(to, "to") : undefined,
          user: q.get("user") ?? undefined,
          limit,
        }),
      );
    }
    case "POST /__emulator/calls": {
      const input = scriptedCall(body, st.now(), st.options.recordDelayMs);
      const quality = parseScriptedQuality(body);
      if (input.callId !== undefined && st.store.has(input.callId))
        throw new ControlError("callId", "already exists");
      const row = st.store.add(input);
      if (quality.size > 0) st.cloud.overrides.set(st.store.callId(row), quality);
      return ok(st.store.snapshot(row), 201);
    }
    case "GET /__emulator/callbacks":
      return ok({ v1: st.callbacks.v1 ?? null, v4: st.callbacks.v4 ?? null });
    case "GET /__emulator/webhooks":
      // Look for due events first, so a test that just moved the clock sees them at once.
      deps.webhooks.tick();
      return ok({ deliveries: deps.webhooks.log });
    case "DELETE /__emulator/webhooks":
      deps.webhooks.log.length = 0;
      return ok({ deliveries: [] });
    case "GET /__emulator/callback-auth":
      return ok({ enabled: st.callbackAuthToken !== null });
    case "POST /__emulator/callback-auth": {
      const token = body.token;
      if (token !== null && (typeof token !== "string" || token.length < 1 || token.length > 128))
        throw new ControlError("token", "must be a string of 1 to 128 characters, or null");
      st.callbackAuthToken = token;
      return ok({ enabled: token !== null });
    }
    case "POST /__emulator/presence": {
      const { userId, status } = body;
      if (typeof userId !== "string" || userId === "")
        throw new ControlError("userId", "is required");
      if (status === null) st.presence.delete(userId);
      else if (PRESENCE_STATUSES.includes(status as PresenceStatus))
        st.presence.set(userId, status as PresenceStatus);
      else
        throw new ControlError("status", `must be one of ${PRESENCE_STATUSES.join(", ")}, or null`);
      return ok({ userId, status });
    }
    case "DELETE /__emulator/presence":
      st.presence.clear();
      return ok({ ok: true });
    case "POST /__emulator/reset":
      deps.webhooks.log.length = 0;
      deps.reset();
      return ok({ ok: true, calls: deps.state().store.size });
  }
  const act = /^\/__emulator\/calls\/([^/]+)\/actions$/.exec(path);
  if (act && method === "POST") return memberActionRoute(act[1]!, body, res, st);
  const m = /^\/__emulator\/calls\/([^/]+)$/.exec(path);
  if (m && method === "GET") {
    let id: string;
    try {
      id = decodeURIComponent(m[1]!);
    } catch {
      throw new ControlError("callId", "is not valid percent-encoding");
    }
    const call = st.store.get(id);
    if (!call) {
      sendJson(res, 404, { error: { code: "not_found", message: "no call with that ID" } });
      return 404;
    }
    return ok(call);
  }
  sendJson(res, 404, {
    error: { code: "not_found", message: `no control route ${method} ${path}` },
  });
  return 404;
}

function memberActionRoute(
  rawId: string,
  body: Record<string, unknown>,
  res: ServerResponse,
  st: EmulatorState,
): number {
  let id: string;
  try {
    id = decodeURIComponent(rawId);
  } catch {
    throw new ControlError("callId", "is not valid percent-encoding");
  }
  if (typeof body.userId !== "string" || body.userId === "")
    throw new ControlError("userId", "is required");
  const action = body.action;
  if (action !== "accept" && action !== "reject" && action !== "hangup") {
    throw new ControlError("action", 'must be "accept", "reject" or "hangup"');
  }
  const row = st.store.rowOf(id);
  if (row === undefined) {
    sendJson(res, 404, { error: { code: "not_found", message: "no call with that ID" } });
    return 404;
  }
  try {
    memberAction(st.store, row, body.userId, action, st.now());
  } catch (e) {
    if (!(e instanceof ActionError)) throw e;
    sendJson(res, e.status, {
      error: { code: e.status === 409 ? "conflict" : "bad_request", message: e.message },
    });
    return e.status;
  }
  sendJson(res, 200, st.store.snapshot(row));
  return 200;
}

function clockView(st: EmulatorState): { nowMs: number; now: string; offsetMs: number } {
  const now = st.now();
  return { nowMs: now, now: new Date(now).toISOString(), offsetMs: st.clockOffsetMs };
}

function publicConfig(st: EmulatorState): Record<string, unknown> {
  const o = st.options;
  return {
    sdkAppId: o.sdkAppId,
    adminIdentifiers: o.adminIdentifiers,
    seed: o.seed,
    calls: o.calls,
    liveCalls: o.liveCalls,
    recordDelayMs: o.recordDelayMs,
    maxPageSize: o.maxPageSize,
    rateLimitAlgorithm: o.rateLimitAlgorithm,
    maxBodyBytes: o.maxBodyBytes,
    hangCapMs: o.hangCapMs,
    faults: st.faults,
    readings: st.readings,
    clockOffsetMs: st.clockOffsetMs,
    callbackAuthEnabled: st.callbackAuthToken !== null,
  };
}

function rate(body: Record<string, unknown>, k: string): number | undefined {
  const v = body[k];
  if (v === undefined) return undefined;
  if (typeof v !== "number" || !(v >= 0 && v <= 1))
    throw new ControlError(k, "must be a number from 0 to 1");
  return v;
}

function parseFaults(body: Record<string, unknown>): Partial<Faults> {
  const out: Partial<Faults> = {};
  if (body.latencyMs !== undefined) {
    const v = body.latencyMs;
    if (typeof v !== "number" || !(v >= 0 && v <= 600_000))
      throw new ControlError("latencyMs", "must be 0..600000");
    out.latencyMs = v;
  }
  const errorRate = rate(body, "errorRate");
  const hangRate = rate(body, "hangRate");
  const http502Rate = rate(body, "http502Rate");
  if (errorRate !== undefined) out.errorRate = errorRate;
  if (hangRate !== undefined) out.hangRate = hangRate;
  if (http502Rate !== undefined) out.http502Rate = http502Rate;
  if (body.errorCode !== undefined) {
    const v = body.errorCode;
    if (v !== null && !(typeof v === "number" && Number.isInteger(v) && v > 0 && v <= 0x7fffffff))
      throw new ControlError("errorCode", "must be a positive integer or null");
    out.errorCode = v;
  }
  if (body.rateLimit !== undefined) {
    if (typeof body.rateLimit !== "boolean")
      throw new ControlError("rateLimit", "must be a boolean");
    out.rateLimit = body.rateLimit;
  }
  if (body.onlyPaths !== undefined) {
    const v = body.onlyPaths;
    if (v !== null && (!Array.isArray(v) || !v.every((p) => typeof p === "string"))) {
      throw new ControlError("onlyPaths", "must be an array of path prefixes or null");
    }
    out.onlyPaths = v === null || v.length === 0 ? null : v;
  }
  if (body.hiddenCallIds !== undefined) {
    const v = body.hiddenCallIds;
    if (v !== null && (!Array.isArray(v) || !v.every((id) => typeof id === "string")))
      throw new ControlError("hiddenCallIds", "must be an array of call IDs or null");
    out.hiddenCallIds = v === null || v.length === 0 ? null : v;
  }
  return out;
}
