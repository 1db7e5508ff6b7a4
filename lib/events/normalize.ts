import { createHash } from "node:crypto";

import { z } from "zod";

import type { Generation } from "@/lib/calls/types";

import type { EventAction, EventKind, NewCallEvent } from "./types";

// One callback delivery, either generation, into the event vocabulary of ./types. Lenient: Tencent's
// docs spell fields and words several ways (reference §3.8, §4.11, §6 items 17–20). No I/O here.

export type DeliveryHeader = {
  generation: Generation;
  /** The SDKAppID the query names (v4 `SdkAppid`, v1 `sdkappid`). */
  appId: string;
  /** v4 `CallbackCommand` or v1 `command` from the query, when present. */
  command: string | null;
};

/** Which generation sent this, from the query parameters Tencent appends; null when neither. */
export function identifyDelivery(query: URLSearchParams): DeliveryHeader | null {
  const v4App = query.get("SdkAppid");
  if (v4App !== null)
    return { generation: "v4", appId: v4App, command: query.get("CallbackCommand") };
  const v1App = query.get("sdkappid");
  if (v1App !== null) return { generation: "v1", appId: v1App, command: query.get("command") };
  return null;
}

export type Normalized =
  | { ok: true; command: string; events: NewCallEvent[] }
  | {
      ok: false;
      reason: "malformed_json" | "not_an_object" | "nul_character" | "no_call_id" | "no_command";
    };

const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST_AHEAD_MS = 86_400_000;

const account = z.union([z.string().min(1), z.number()]).transform(String);
const callId = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .pipe(z.string().min(1).max(200));
const epoch = z.union([
  z.number(),
  z
    .string()
    .regex(/^\d+(\.\d+)?$/)
    .transform(Number),
]);

const v4Body = z.looseObject({
  CallbackCommand: z.string().optional().catch(undefined),
  CallId: callId.optional().catch(undefined),
  CallInfo: z
    .looseObject({ CallId: callId.optional().catch(undefined) })
    .optional()
    .catch(undefined),
  CallRecord: z
    .looseObject({
      CallId: callId.optional().catch(undefined),
      EndTime: epoch.optional().catch(undefined),
    })
    .optional()
    .catch(undefined),
  UserList: z.array(z.unknown()).optional().catch(undefined),
  ChangedUserList: z.array(z.unknown()).optional().catch(undefined),
  EventTime: epoch.optional().catch(undefined),
});

const v4Member = z.looseObject({
  User_Account: account,
  Status: z.string().optional().catch(undefined),
  ActionType: z.string().optional().catch(undefined),
});

const v1Body = z.looseObject({
  CallId: callId.optional().catch(undefined),
  UserId: account.optional().catch(undefined),
  Role: z.string().optional().catch(undefined),
  Event: z.string().optional().catch(undefined),
  CallResult: z.string().optional().catch(undefined),
  EventTime: epoch.optional().catch(undefined),
  EndTs: epoch.optional().catch(undefined),
});

/** Member-changed `ActionType`, compared without case, spaces or underscores. */
const V4_MEMBER_ACTIONS: Record<string, EventAction> = {
  accept: "accepted",
  answer: "accepted",
  reject: "declined",
  notanswer: "no_answer",
  cancelinvite: "cancelled",
  canncelinvite: "cancelled",
  hangup: "hung_up",
  join: "joined",
  offline: "offline",
  invite: "invited",
  invited: "invited",
};

const V1_STATUS_WORDS = new Set([
  "normal_end",
  "cancel",
  "reject",
  "not_answer",
  "call_busy",
  "interrupt",
  "offline",
  "call_end",
]);

const V1_EVENT_ACTIONS: Record<string, EventAction> = {
  caller_start_call: "started",
  callee_receive_call: "received",
  callee_accept_call: "accepted",
  caller_call_accepted: "peer_accepted",
  callee_reject_call: "declined",
  caller_call_rejected: "peer_declined",
  callee_not_answer_call: "no_answer",
  caller_call_missed: "peer_no_answer",
  caller_call_busy: "peer_busy",
  caller_cancel_call: "cancelled",
  callee_call_canceled: "cancelled",
  caller_call_end: "hung_up",
  callee_call_end: "hung_up",
  caller_call_interrupted: "dropped",
  callee_call_interrupted: "dropped",
  join_in_group_call: "joined",
};

/** Seconds or milliseconds by size (v4 sends ms, v1 seconds, and samples mix them up). */
function toMs(value: number | undefined, receivedAt: number): number | null {
  if (value === undefined || !Number.isFinite(value) || value <= 0) return null;
  const ms = value < 1e11 ? value * 1000 : value;
  return ms >= EARLIEST && ms <= receivedAt + LATEST_AHEAD_MS ? Math.round(ms) : null;
}

type Draft = { userId: string | null; kind: EventKind; action: EventAction; rawAction: string };

export function normalizeDelivery(
  header: DeliveryHeader,
  rawBody: string,
  receivedAt: Date,
): Normalized {
  // PostgreSQL stores no NUL in text or jsonb; no genuine callback carries one.
  if (rawBody.includes("\u0000") || rawBody.includes("\\u0000"))
    return { ok: false, reason: "nul_character" };
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody);
  } catch {
    return { ok: false, reason: "malformed_json" };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    return { ok: false, reason: "not_an_object" };
  const now = receivedAt.getTime();
  const read =
    header.generation === "v4" ? readV4(header, parsed, now) : readV1(header, parsed, now);
  if ("reason" in read) return { ok: false, reason: read.reason };

  const digest = createHash("sha256")
    .update(`${header.generation}\n${read.command}\n`)
    .update(rawBody)
    .digest("hex");
  const at = new Date(read.at ?? now).toISOString();
  // Nothing recognisable still keeps the delivery, as one raw event for the call.
  const drafts: Draft[] =
    read.drafts.length > 0
      ? read.drafts
      : [{ userId: null, kind: "unknown", action: read.command, rawAction: read.command }];
  return {
    ok: true,
    command: read.command,
    events: drafts.map((d, i) => ({
      ...d,
      at,
      callId: read.callId,
      generation: header.generation,
      dedupKey: `${digest}:${i}`,
      body: parsed,
    })),
  };
}

type Read =
  | { command: string; callId: string; at: number | null; drafts: Draft[] }
  | { reason: "no_call_id" | "no_command" };

function readV4(header: DeliveryHeader, raw: object, now: number): Read {
  const body = v4Body.parse(raw);
  const command = header.command || body.CallbackCommand;
  if (!command) return { reason: "no_command" };
  const id = body.CallId ?? body.CallInfo?.CallId ?? body.CallRecord?.CallId;
  if (!id) return { reason: "no_call_id" };
  const members = (list: unknown[] | undefined) =>
    (list ?? []).flatMap((m) => {
      const r = v4Member.safeParse(m);
      return r.success ? [r.data] : [];
    });
  const drafts: Draft[] = [];
  let at = toMs(body.EventTime, now);

  if (command === "Call.CallbackAfterStartCall") {
    const users = members(body.UserList);
    const caller = users.find((u) => u.Status === "Calling") ?? users[0];
    for (const u of users) {
      const isCaller = u === caller;
      drafts.push({
        userId: u.User_Account,
        kind: "start",
        action: isCaller ? "started" : "invited",
        rawAction: command,
      });
    }
    if (users.length === 0)
      drafts.push({ userId: null, kind: "start", action: "started", rawAction: command });
  } else if (command === "Call.CallbackAfterMemberChanged") {
    for (const u of members(body.ChangedUserList)) {
      const word = u.ActionType ?? "";
      const action = V4_MEMBER_ACTIONS[word.toLowerCase().replace(/[\s_]/g, "")];
      drafts.push({
        userId: u.User_Account,
        kind: action ? "member" : "unknown",
        action: action ?? word,
        rawAction: word,
      });
    }
  } else if (command === "Call.CallbackAfterEndCall") {
    at ??= toMs(body.CallRecord?.EndTime, now);
    drafts.push({ userId: null, kind: "end", action: "ended", rawAction: command });
  }
  return { command, callId: id, at, drafts };
}

function readV1(header: DeliveryHeader, raw: object, now: number): Read {
  const body = v1Body.parse(raw);
  // Without a command in the query, the body still tells: a result word, or role plus event.
  const command =
    header.command ||
    body.CallResult ||
    (body.Role && body.Event ? `${body.Role.toLowerCase()}_${body.Event}` : "");
  if (!command) return { reason: "no_command" };
  if (!body.CallId) return { reason: "no_call_id" };
  const at = toMs(body.EventTime, now) ?? toMs(body.EndTs, now);
  const userId = body.UserId ?? null;
  const word = command.toLowerCase();
  let draft: Draft;
  if (V1_STATUS_WORDS.has(word)) {
    draft = { userId, kind: "status", action: "ended", rawAction: command };
  } else {
    const action = V1_EVENT_ACTIONS[word];
    draft = action
      ? { userId, kind: "event", action, rawAction: command }
      : { userId, kind: "unknown", action: command, rawAction: command };
  }
  return { command, callId: body.CallId, at, drafts: [draft] };
}
