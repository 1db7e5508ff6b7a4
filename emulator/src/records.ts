import { OPEN, FLAG_GROUP, FLAG_VIDEO } from "./call-columns";
import type { CallStore } from "./call-store";
import {
  V1_CALL_TYPES,
  V1_MEDIA,
  V1_RESULTS,
  V4_CALL_TYPES,
  V4_MEDIA,
  V4_RESULTS,
  type Generation,
} from "./enums";
import { queryUnderReadings, type Readings } from "./readings";

// Record shapes of both generations (reference §3.4 and §4.7), built straight from the columns.

const sec = (ms: number): number => Math.floor(ms / 1000);

const CACHE_MAX = 200_000;

function cached(
  store: CallStore,
  cache: Map<number, string>,
  row: number,
  build: () => string,
): string {
  // Past the cap the cache would churn (clear, refill, collect): large stores build every time.
  if (store.size > CACHE_MAX) return build();
  let json = cache.get(row);
  if (json === undefined) {
    if (cache.size >= CACHE_MAX) cache.clear();
    json = build();
    cache.set(row, json);
  }
  return json;
}

/** One v4 record as JSON text (§4.7 field order). */
export function v4RecordJson(store: CallStore, row: number, readings: Readings): string {
  let json = cached(store, store.recordJson.v4, row, () => buildV4(store, row));
  if (readings.v4ResultFormat === "number") {
    // The English table's Integer reading: the result's position in the documented list.
    const result = store.cols.result[row]!;
    json = json.replace(`"CallResult":"${V4_RESULTS[result]}"`, `"CallResult":${result}`);
  }
  // The filter table's String reading: RoomIdType is the record's last field.
  if (readings.v4RoomIdTypeFormat === "string")
    json = json.replace(/"RoomIdType":(\d+)}$/, '"RoomIdType":"$1"}');
  return json;
}

/** One v1 record as JSON text (§3.4 field order). */
export function v1RecordJson(store: CallStore, row: number, sdkAppId: number): string {
  return cached(store, store.recordJson.v1, row, () => buildV1(store, row, sdkAppId));
}

function buildV4(store: CallStore, row: number): string {
  const c = store.cols;
  const start = c.startMs[row]!;
  const accept = c.acceptOff[row]!;
  const flags = c.flags[row]!;
  const caller = store.users.json(c.caller[row]!);
  const roomId = store.roomId(row);
  // Every official sample lists the caller among the "call members" (reference §6.8).
  let members = caller;
  const first = c.memStart[row]!;
  for (let i = first; i < first + c.memCount[row]!; i++)
    members += `,${store.users.json(c.memUser[i]!)}`;
  return (
    `{"CallId":${JSON.stringify(store.callId(row))},"Caller_Account":${caller},` +
    `"MediaType":"${V4_MEDIA[flags & FLAG_VIDEO ? 1 : 0]}","CallType":"${V4_CALL_TYPES[flags & FLAG_GROUP ? 1 : 0]}",` +
    `"StartTime":${sec(start)},"EndTime":${sec(c.endAt(row))},"AcceptTime":${accept === OPEN ? 0 : sec(start + accept)},` +
    `"CallResult":"${V4_RESULTS[c.result[row]!]}","CalleeList_Account":[${members}],` +
    `"RoomId":${JSON.stringify(roomId)},"RoomIdType":${roomId === "" ? 0 : (flags >> 4) & 3}}`
  );
}

function buildV1(store: CallStore, row: number, sdkAppId: number): string {
  const c = store.cols;
  const start = c.startMs[row]!;
  const accept = c.acceptOff[row]!;
  const flags = c.flags[row]!;
  const first = c.memStart[row]!;
  const count = c.memCount[row]!;
  let callees = "";
  for (let i = first; i < first + count; i++)
    callees += `${i === first ? "" : ","}${store.users.json(c.memUser[i]!)}`;
  return (
    `{"callId":${JSON.stringify(store.callId(row))},"sdkAppId":${sdkAppId},` +
    `"mediaType":"${V1_MEDIA[flags & FLAG_VIDEO ? 1 : 0]}","roomId":${JSON.stringify(store.roomId(row))},` +
    `"startCallTs":${sec(start)},"acceptTs":${accept === OPEN ? 0 : sec(start + accept)},"endTs":${sec(c.endAt(row))},` +
    `"caller":${store.users.json(c.caller[row]!)},"totalUserNumber":${count + 1},` +
    `"callType":"${V1_CALL_TYPES[flags & FLAG_GROUP ? 1 : 0]}","callResult":"${V1_RESULTS[c.result[row]!]}",` +
    `"callees":[${callees}]}`
  );
}

export type PageRequest = {
  generation: Generation;
  startSec: number;
  endSec: number;
  /** Index into the generation's result list, -1 = any, -2 = an unknown value (matches nothing). */
  result: number;
  callType: number;
  page: number;
  pageSize: number;
};

/** One page of records visible to a generation, plus the total; start bound already clamped. */
export function pageRecords(
  store: CallStore,
  req: PageRequest,
  readings: Readings,
  now: number,
  hiddenCallIds: readonly string[] | null = null,
): { total: number; rows: number[] } {
  if (req.result === -2 || req.callType === -2 || req.endSec < req.startSec)
    return { total: 0, rows: [] };
  const offset = (req.page - 1) * req.pageSize;
  const query = {
    generation: req.generation,
    fromMs: req.startSec * 1000,
    toMs: (req.endSec + 1) * 1000,
    result: req.result,
    callType: req.callType,
    offset: Number.isSafeInteger(offset) ? offset : Number.MAX_SAFE_INTEGER,
    limit: req.pageSize,
  };
  const answer = queryUnderReadings(store, query, readings, now);
  if (!hiddenCallIds) return answer;
  // A record Tencent counts but never lists: the total stays, the page comes back short.
  const hidden = new Set(hiddenCallIds);
  return { total: answer.total, rows: answer.rows.filter((r) => !hidden.has(store.callId(r))) };
}

/** Maps a filter value to its enum index: -1 when absent, -2 when not a known value. */
export function enumFilter(value: string | undefined, values: readonly string[]): number {
  if (value === undefined) return -1;
  const i = values.indexOf(value);
  return i === -1 ? -2 : i;
}
