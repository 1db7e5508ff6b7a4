import { FLAG_GROUP, FLAG_V1, FLAG_V4, WEEK_MS } from "./call-columns";
import type { CallStore } from "./call-store";
import type { RecordQuery } from "./record-scan";

// Where Tencent's docs can be read more than one way (reference §6), each reading is a switch, so
// the console can be tested under all of them. The defaults are the reference's own picks.

export type FilterTimeField = "start" | "end" | "overlap";
export type FilterOrder = "asc" | "desc" | "unstable";

export type Readings = {
  /** Which time the filter bounds apply to: the start (§6.12), the end, or any overlap. */
  filterTimeField: FilterTimeField;
  /** Record order within a filter answer; "unstable" shuffles calls that start in one second. */
  filterOrder: FilterOrder;
  /** v1 `get_record_by_callId`'s answer for an unknown call (§6.5). */
  v1NotFoundCode: number;
  /** v1 filter `startTimestamp` older than 7 days: raised to the edge, or refused (§6.12). */
  v1Window: "clamp" | "reject";
  /** v4 `CallResult` as the samples' names or as the English table's Integer (§6.10). */
  v4ResultFormat: "name" | "number";
  /** v4 record `RoomIdType` as the samples' Integer or as the filter table's String (§6.10). */
  v4RoomIdTypeFormat: "number" | "string";
  /** v1 callback values in the samples' lower case or capitalised as the English tables (§6.19). */
  v1CallbackCase: "lower" | "capitalised";
};

export const DEFAULT_READINGS: Readings = {
  filterTimeField: "start",
  filterOrder: "asc",
  v1NotFoundCode: 70001,
  v1Window: "clamp",
  v4ResultFormat: "name",
  v4RoomIdTypeFormat: "number",
  v1CallbackCase: "lower",
};

export const READING_CHOICES = {
  filterTimeField: ["start", "end", "overlap"],
  filterOrder: ["asc", "desc", "unstable"],
  v1Window: ["clamp", "reject"],
  v4ResultFormat: ["name", "number"],
  v4RoomIdTypeFormat: ["number", "string"],
  v1CallbackCase: ["lower", "capitalised"],
} as const;

/** One problem per bad value, named by `label(key)` (an env variable or a body field). */
export function parseReadings(
  input: Record<string, unknown>,
  label: (key: keyof Readings) => string,
): { readings: Partial<Readings>; problems: string[] } {
  const readings: Partial<Readings> = {};
  const problems: string[] = [];
  for (const key of Object.keys(READING_CHOICES) as (keyof typeof READING_CHOICES)[]) {
    const v = input[key];
    if (v === undefined) continue;
    const choices: readonly string[] = READING_CHOICES[key];
    if (typeof v === "string" && choices.includes(v)) (readings as Record<string, string>)[key] = v;
    else problems.push(`${label(key)}=${JSON.stringify(v)}: must be one of ${choices.join(", ")}`);
  }
  const code = input.v1NotFoundCode;
  if (code !== undefined) {
    const n = typeof code === "string" && /^\d+$/.test(code) ? Number(code) : code;
    if (typeof n === "number" && Number.isInteger(n) && n > 0 && n <= 0x7fffffff)
      readings.v1NotFoundCode = n;
    else
      problems.push(
        `${label("v1NotFoundCode")}=${JSON.stringify(code)}: must be a positive integer`,
      );
  }
  return { readings, problems };
}

function matchesTime(c: CallStore["cols"], row: number, field: FilterTimeField, q: RecordQuery) {
  const start = c.startMs[row]!;
  const end = c.endAt(row);
  if (field === "start") return start >= q.fromMs && start < q.toMs;
  if (field === "end") return end >= q.fromMs && end < q.toMs;
  return start < q.toMs && end >= q.fromMs;
}

function shuffle<T>(list: T[]): void {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
}

/**
 * A filter query under the given readings. The default reading takes the store's block-summary
 * scan; the others look at every visible call of the week, which is fine at test sizes.
 */
export function queryUnderReadings(
  store: CallStore,
  q: RecordQuery,
  readings: Readings,
  now: number,
): { total: number; rows: number[] } {
  if (readings.filterTimeField === "start" && readings.filterOrder === "asc")
    return store.queryRecords(q, now);
  const c = store.cols;
  const genFlag = q.generation === "v1" ? FLAG_V1 : FLAG_V4;
  const endCutoff = now - store.recordDelayMs;
  const matched: number[] = [];
  for (let p = c.lowerBound(now - WEEK_MS); p < c.count; p++) {
    const row = c.order[p]!;
    const f = c.flags[row]!;
    if (!(f & genFlag) || c.endAt(row) > endCutoff) continue;
    if (q.result >= 0 && c.result[row] !== q.result) continue;
    if (q.callType >= 0 && ((f & FLAG_GROUP) !== 0 ? 1 : 0) !== q.callType) continue;
    if (matchesTime(c, row, readings.filterTimeField, q)) matched.push(row);
  }
  if (readings.filterOrder === "desc") matched.reverse();
  if (readings.filterOrder === "unstable") {
    // Calls that start within one second are ties; each answer orders them afresh.
    let i = 0;
    while (i < matched.length) {
      const second = Math.floor(c.startMs[matched[i]!]! / 1000);
      let j = i + 1;
      while (j < matched.length && Math.floor(c.startMs[matched[j]!]! / 1000) === second) j++;
      if (j - i > 1) {
        const ties = matched.slice(i, j);
        shuffle(ties);
        matched.splice(i, j - i, ...ties);
      }
      i = j;
    }
  }
  return { total: matched.length, rows: matched.slice(q.offset, q.offset + q.limit) };
}

const V1_CALLBACK_WORDS = ["MediaType", "CallType", "Role", "Event", "CallResult"] as const;

/** A v1 callback body as the English tables spell its values (`Audio`, `Single`, `Normal_end`). */
export function v1CallbackBody(
  body: Record<string, unknown>,
  readings: Readings,
): Record<string, unknown> {
  if (readings.v1CallbackCase === "lower") return body;
  const out = { ...body };
  for (const key of V1_CALLBACK_WORDS) {
    const v = out[key];
    if (typeof v === "string" && v !== "") out[key] = v[0]!.toUpperCase() + v.slice(1);
  }
  return out;
}
