import { WEEK_MS } from "./call-store";
import { ApiError, RawJson, V1 } from "./codes";
import { V1_CALLBACK_ACTIONS, V1_CALL_TYPES, V1_RESULTS } from "./enums";
import { enumFilter, pageRecords, v1RecordJson } from "./records";
import { type Handler, type Route } from "./routes-v4";
import type { EmulatorState } from "./state";
import { Fields, type Body } from "./validate";

// v1 (CallKit domain) endpoints: records and callback configuration (reference §3).

const fields = (b: Body) =>
  new Fields(b, { missing: V1.PARAM, type: V1.BODY_PARSE, invalid: V1.PARAM });

const getRecordByCallId: Handler = (body, st) => {
  const callId = fields(body).string("callId", { required: true, nonEmpty: true });
  const row = st.store.rowOf(callId);
  // Tencent does not document v1's not-found answer; 70001 is the reference's pick (§6.5).
  if (row === undefined || !st.store.recordVisible(row, "v1", st.now())) {
    throw new ApiError(st.readings.v1NotFoundCode, "call record does not exist");
  }
  return new RawJson(v1RecordJson(st.store, row, st.options.sdkAppId));
};

const getRecordsByFilter: Handler = (body, st) => {
  const f = fields(body);
  const now = st.now();
  const windowStart = Math.ceil((now - WEEK_MS) / 1000);
  const nowSec = Math.floor(now / 1000);
  const asked = f.int("startTimestamp", { required: true });
  if (asked < windowStart && st.readings.v1Window === "reject")
    throw new ApiError(V1.PARAM, "startTimestamp is older than 7 days");
  // Like v4, an early start is raised to the edge of the 7-day window.
  const startSec = Math.max(asked, windowStart);
  // "Defaults to 7 days": read as seven days after the (raised) start, but never past now (§6.6).
  const endSec = f.int("endTimestamp") ?? Math.min(startSec + WEEK_MS / 1000, nowSec);
  const result = enumFilter(f.string("callResult"), V1_RESULTS);
  const callType = enumFilter(f.string("callType"), V1_CALL_TYPES);
  const pageSize = Math.min(f.int("numberPerPage", { min: 1 }) ?? 100, st.options.maxPageSize);
  const page = f.int("page", { min: 1 }) ?? 1;
  const { total, rows } = pageRecords(
    st.store,
    { generation: "v1", startSec, endSec, result, callType, page, pageSize },
    st.readings,
    now,
    st.faults.hiddenCallIds,
  );
  const list = rows.map((r) => v1RecordJson(st.store, r, st.options.sdkAppId)).join(",");
  return new RawJson(`{"totalNum":${total},"page":${page},"callRecordList":[${list}]}`);
};

function readConfig(body: Body): { address: string; actions: string[] } {
  const f = fields(body);
  const address = f.string("address", { required: true });
  if (!/^https?:\/\/\S+$/i.test(address))
    throw new ApiError(V1.PARAM, "callback address must start with http or https");
  const actions = f.stringArray("actions", { required: true, nonEmpty: true });
  const unknown = actions.find((a) => !(V1_CALLBACK_ACTIONS as readonly string[]).includes(a));
  if (unknown !== undefined) throw new ApiError(V1.PARAM, `unknown callback action ${unknown}`);
  return { address, actions: [...new Set(actions)] };
}

const setCallback: Handler = (body, st: EmulatorState) => {
  st.callbacks.v1 = readConfig(body);
  st.callbackSince.v1 ??= st.now();
  return st.callbacks.v1.address;
};

const getCallback: Handler = (_body, st) => {
  if (!st.callbacks.v1)
    throw new ApiError(V1.CALLBACK_MISSING, "callback configuration does not exist");
  return { actions: [...st.callbacks.v1.actions], address: st.callbacks.v1.address };
};

const updateCallback: Handler = (body, st) => {
  if (!st.callbacks.v1)
    throw new ApiError(V1.CALLBACK_MISSING, "callback configuration does not exist");
  st.callbacks.v1 = readConfig(body);
  return st.callbacks.v1.address;
};

const deleteCallback: Handler = (_body, st) => {
  delete st.callbacks.v1;
  delete st.callbackSince.v1;
  return "";
};

const route = (handler: Handler, perSecond: number): Route => ({
  generation: "v1",
  handler,
  perSecond,
  internalCode: V1.INTERNAL,
});

const V1_BASE: Record<string, Route> = {
  "/records/get_record_by_callId": route(getRecordByCallId, 20),
  "/records/get_records_by_filter": route(getRecordsByFilter, 200),
  "/callback/set": route(setCallback, 10),
  "/callback/get": route(getCallback, 10),
  "/callback/update": route(updateCallback, 10),
  "/callback/delete": route(deleteCallback, 10),
};

// The v1 intro's sample request line has no `/v1` prefix (reference §6.4): both forms are served
// and share one rate-limit bucket.
export const V1_ROUTES: Record<string, Route & { bucket: string }> = Object.fromEntries(
  Object.entries(V1_BASE).flatMap(([path, r]) => [
    [`/v1${path}`, { ...r, bucket: `/v1${path}` }],
    [path, { ...r, bucket: `/v1${path}` }],
  ]),
);
