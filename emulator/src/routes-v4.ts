import { randomInt } from "node:crypto";

import { FLAG_V4 } from "./call-columns";
import { WEEK_MS } from "./call-store";
import { ApiError, RawJson, V4 } from "./codes";
import { V4_CALLBACK_COMMANDS, V4_CALL_TYPES, V4_RESULTS } from "./enums";
import { queryOnlineStatus } from "./presence";
import { enumFilter, pageRecords, v4RecordJson } from "./records";
import type { EmulatorState } from "./state";
import { Fields, type Body } from "./validate";

// v4 (Chat domain) endpoints: call engine, call records, callback configuration (reference §4).

export type Handler = (body: Body, st: EmulatorState) => unknown;

const engineFields = (b: Body) =>
  new Fields(b, { missing: V4.ENGINE_PARAM, type: V4.ENGINE_PARAM, invalid: V4.ENGINE_PARAM });
const configFields = (b: Body) =>
  new Fields(b, { missing: V4.CONFIG_PARAM, type: V4.CONFIG_PARAM, invalid: V4.CONFIG_PARAM });

/** A call the call engine knows about right now: v4-visible, started, not ended. */
function liveV4Row(st: EmulatorState, callId: string): number {
  const row = st.store.rowOf(callId);
  const now = st.now();
  if (row === undefined || !(st.store.cols.flags[row]! & FLAG_V4) || !st.store.isLive(row, now)) {
    throw new ApiError(V4.CALL_NOT_FOUND, "call does not exist or has already ended");
  }
  return row;
}

const getCallInfo: Handler = (body, st) => {
  const callId = engineFields(body).string("CallId", { required: true, nonEmpty: true });
  const row = liveV4Row(st, callId);
  const s = st.store;
  const roomId = s.roomId(row);
  return {
    CallInfo: {
      CallId: callId,
      MediaType: s.cols.flags[row]! & 1 ? "Video" : "Audio",
      ChatGroupId: s.chatGroupId(row),
      RoomId: roomId,
      RoomIdType: roomId === "" ? 0 : (s.cols.flags[row]! >> 4) & 3,
    },
    UserList: s.liveMembers(row).map((m) => ({ User_Account: m.userId, Status: m.status })),
  };
};

const endCall: Handler = (body, st) => {
  const callId = engineFields(body).string("CallId", { required: true, nonEmpty: true });
  st.store.endCall(liveV4Row(st, callId), st.now());
  return undefined;
};

const startCallByRobot: Handler = (body, st) => {
  const f = engineFields(body);
  const robot = f.string("Robot_Account", { required: true, nonEmpty: true });
  const callees = f.stringArray("CalleeList_Account", {
    required: true,
    nonEmpty: true,
    maxItems: 100,
  });
  const timeout = f.int("Timeout", { required: true, min: 10_000, max: 600_000 });
  f.string("UserData", { maxBytes: 1000 });
  f.object("OfflinePushInfo");
  const info = new Fields(f.object("CallInfo", { required: true }), {
    missing: V4.ENGINE_PARAM,
    type: V4.ENGINE_PARAM,
    invalid: V4.ENGINE_PARAM,
  });
  const media = info.string("MediaType", { required: true });
  if (media !== "Video" && media !== "Audio")
    throw new ApiError(V4.ENGINE_PARAM, "CallInfo.MediaType must be Video or Audio");
  let roomId = info.string("RoomId");
  let roomIdType = info.int("RoomIdType");
  if (roomIdType !== undefined && roomIdType !== 1 && roomIdType !== 2) {
    throw new ApiError(V4.ENGINE_PARAM, "CallInfo.RoomIdType must be 1 or 2");
  }
  if (roomId === undefined || roomId === "") {
    roomId = String(randomInt(10_000, 99_999_999));
    roomIdType ??= 1;
  }
  // Numeric room IDs are TRTC's uint32 rooms; longer digit strings can only be string rooms.
  roomIdType ??= /^\d{1,10}$/.test(roomId) && Number(roomId) <= 4294967294 ? 1 : 2;
  if (roomIdType === 1 && !(/^\d{1,10}$/.test(roomId) && Number(roomId) <= 4294967294)) {
    throw new ApiError(V4.ENGINE_PARAM, "CallInfo.RoomId must be numeric when RoomIdType is 1");
  }
  const unique = [...new Set(callees)];
  if (unique.some((u) => u === "" || u === robot)) {
    throw new ApiError(
      V4.ENGINE_PARAM,
      "CalleeList_Account must hold non-empty IDs other than Robot_Account",
    );
  }
  const group = unique.length > 1;
  // Nobody answers a robot call on their own: it rings until Timeout (NotAnswer) unless ended first.
  const row = st.store.add({
    caller: robot,
    callees: unique.map((userId) => ({ userId, outcome: "not_answered", actedAfterMs: timeout })),
    mediaType: media === "Video" ? "video" : "audio",
    callType: group ? "group" : "single",
    roomId,
    roomIdType: roomIdType as 1 | 2,
    chatGroupId: group ? `@TGS#2${randomInt(1e9, 9e9).toString(36).toUpperCase()}` : "",
    generations: ["v4"],
    startedAt: st.now(),
    acceptAfterMs: null,
    endAfterMs: timeout,
    result: "NotAnswer",
  });
  return {
    CallId: st.store.callId(row),
    CallResult: unique.map((u) => ({ Callee_Account: u, ResultCode: 0 })),
  };
};

const getRecordByCallId: Handler = (body, st) => {
  const callId = new Fields(body, {
    missing: V4.ENGINE_PARAM,
    type: V4.ENGINE_PARAM,
    invalid: V4.ENGINE_PARAM,
  }).string("CallId", { required: true, nonEmpty: true });
  const row = st.store.rowOf(callId);
  if (row === undefined || !st.store.recordVisible(row, "v4", st.now())) {
    throw new ApiError(V4.RECORD_NOT_FOUND, "call record does not exist");
  }
  return new RawJson(`{"CallRecord":${v4RecordJson(st.store, row, st.readings)}}`);
};

const getRecordByFilter: Handler = (body, st) => {
  const f = new Fields(body, {
    missing: V4.ENGINE_PARAM,
    type: V4.ENGINE_PARAM,
    invalid: V4.ENGINE_PARAM,
  });
  const now = st.now();
  const windowStart = Math.ceil((now - WEEK_MS) / 1000);
  const nowSec = Math.floor(now / 1000);
  // An early StartTime is silently raised to now − 7 days, as Tencent documents.
  const startSec = Math.max(f.int("StartTime") ?? windowStart, windowStart);
  const endSec = f.int("EndTime") ?? nowSec;
  const result = enumFilter(f.string("CallResult"), V4_RESULTS);
  const callType = enumFilter(f.string("CallType"), V4_CALL_TYPES);
  const pageSize = Math.min(f.int("NumberPerPage", { min: 1 }) ?? 10, st.options.maxPageSize);
  const page = f.int("Page", { min: 1 }) ?? 1;
  const { total, rows } = pageRecords(
    st.store,
    { generation: "v4", startSec, endSec, result, callType, page, pageSize },
    st.readings,
    now,
    st.faults.hiddenCallIds,
  );
  // "When Page > 0 there is data": a page past the end comes back as Page 0.
  const list = rows.map((r) => v4RecordJson(st.store, r, st.readings)).join(",");
  return new RawJson(
    `{"TotalNum":${total},"Page":${rows.length > 0 ? page : 0},"CallRecordList":[${list}]}`,
  );
};

function callbackUrl(f: Fields, name: string, code: number): string {
  const url = f.string(name, { required: true, nonEmpty: true });
  let ok = false;
  try {
    ok = /^https?:$/.test(new URL(url).protocol);
  } catch {
    ok = false;
  }
  if (!ok) throw new ApiError(code, `${name} must be an http or https URL`);
  return url;
}

const setCallback: Handler = (body, st) => {
  const f = configFields(body);
  const Url = callbackUrl(f, "Url", V4.CONFIG_PARAM);
  const list = f.stringArray("CallbackCommandList", { required: true, nonEmpty: true });
  const unknown = list.find((c) => !(V4_CALLBACK_COMMANDS as readonly string[]).includes(c));
  if (unknown !== undefined)
    throw new ApiError(V4.CONFIG_PARAM, `unknown callback command ${unknown}`);
  st.callbacks.v4 = { Url, CallbackCommandList: [...new Set(list)] };
  st.callbackSince.v4 ??= st.now();
  return undefined;
};

const getCallback: Handler = (_body, st) => {
  if (!st.callbacks.v4)
    throw new ApiError(V4.CONFIG_MISSING, "no callback configuration exists; create one first");
  return { ...st.callbacks.v4 };
};

const deleteCallback: Handler = (_body, st) => {
  delete st.callbacks.v4;
  delete st.callbackSince.v4;
  return undefined;
};

export type Route = {
  generation: "v1" | "v4";
  handler: Handler;
  perSecond: number;
  /** Code for an injected internal error on this service. */
  internalCode: number;
};

const engine = (handler: Handler): Route => ({
  generation: "v4",
  handler,
  perSecond: 200,
  internalCode: V4.ENGINE_INTERNAL,
});
const config = (handler: Handler): Route => ({
  generation: "v4",
  handler,
  perSecond: 200,
  internalCode: V4.CONFIG_INTERNAL,
});

export const V4_ROUTES: Record<string, Route> = {
  "/v4/call_engine_http_srv/get_call_info": engine(getCallInfo),
  "/v4/call_engine_http_srv/end_call": engine(endCall),
  "/v4/call_engine_http_srv/start_call_by_robot": engine(startCallByRobot),
  "/v4/call_record_http_srv/get_record_by_callid": engine(getRecordByCallId),
  "/v4/call_record_http_srv/get_record_by_filter": engine(getRecordByFilter),
  "/v4/call_config/set_callback": config(setCallback),
  "/v4/call_config/get_callback": config(getCallback),
  "/v4/call_config/delete_callback": config(deleteCallback),
  "/v4/openim/query_online_status": {
    generation: "v4",
    handler: queryOnlineStatus,
    perSecond: 200,
    internalCode: V4.OPENIM_INTERNAL,
  },
};

export { callbackUrl };
