import {
  BLOCK,
  CATEGORY_COUNT,
  CallColumns,
  FLAG_GROUP,
  FLAG_SCRIPTED,
  FLAG_V1,
  FLAG_V4,
  FLAG_VIDEO,
  OPEN,
  WEEK_MS,
  categoryOf,
  roomTypeOf,
  withRoomType,
} from "./call-columns";
import {
  OUTCOME,
  RESULT,
  RESULT_COUNT,
  type Generation,
  type MemberOutcome,
  type MemberStatus,
  type V4Result,
} from "./enums";
import { memberStatus, snapshotOf, type CallSnapshot } from "./ground-truth";
import { generatedCallId, generatedRowOf, generatedRoomId, generatedGroupId } from "./ids";
import { UserTable } from "./users";

export type { CallSnapshot };
export { WEEK_MS };

export type CallInput = {
  callId?: string;
  caller: string;
  callees: {
    userId: string;
    outcome: MemberOutcome;
    actedAfterMs: number | null;
    /** Invited this long after the start (a later invitation into the call); default 0. */
    invitedAfterMs?: number;
  }[];
  mediaType: "audio" | "video";
  callType: "single" | "group";
  roomId: string;
  roomIdType: 0 | 1 | 2;
  chatGroupId?: string;
  generations: Generation[];
  startedAt: number;
  acceptAfterMs: number | null;
  endAfterMs: number | null;
  result: V4Result;
  /** Who hung up (answered calls): caller or callee ID; null = ended from the server side. */
  endedBy?: string | null;
};

/** `ender` values: nobody (end_call, timeouts, cancels), else 0 = caller, i + 1 = callee i. */
export const ENDER_NONE = -1;

export type RecordQuery = {
  generation: Generation;
  fromMs: number;
  /** Exclusive. */
  toMs: number;
  result: number; // -1 = any
  callType: number; // -1 = any, 0 single, 1 group
  offset: number;
  limit: number;
};

export class CallStore {
  readonly users = new UserTable();
  cols: CallColumns;
  generatedCount = 0;
  private readonly scriptedIds = new Map<string, number>();
  private readonly rowIds = new Map<number, string>();
  private readonly roomOverrides = new Map<number, string>();
  private readonly groupOverrides = new Map<number, string>();
  /** Scripted per-call and per-member facts the generated data never has (sparse). */
  private readonly enders = new Map<number, number>();
  private readonly inviteOffsets = new Map<number, number>();
  private readonly unreachable = new Set<number>();
  /**
   * Serialised records by row, per generation. A record is only served once its call has ended,
   * and ended calls do not change (end_call clears its row anyway), so entries stay valid.
   * Bounded: cleared when full.
   */
  readonly recordJson = { v1: new Map<number, string>(), v4: new Map<number, string>() };

  constructor(
    readonly seed: number,
    public now: () => number,
    public recordDelayMs: number,
    capacity = 1024,
    memberCapacity = capacity * 2,
  ) {
    this.cols = new CallColumns(capacity, memberCapacity);
  }

  /** Number of calls held (generated and scripted, including ones outside the window). */
  get size(): number {
    return this.cols.count;
  }

  callId(row: number): string {
    return row < this.generatedCount
      ? generatedCallId(this.seed, row)
      : (this.rowIds.get(row) ?? "");
  }

  rowOf(callId: string): number | undefined {
    const scripted = this.scriptedIds.get(callId);
    if (scripted !== undefined) return scripted;
    const row = generatedRowOf(this.seed, callId, this.generatedCount);
    return row === -1 ? undefined : row;
  }

  has(callId: string): boolean {
    return this.rowOf(callId) !== undefined;
  }

  /** Adds a scripted call (control endpoint, start_call_by_robot) and returns its row. */
  add(input: CallInput): number {
    const c = this.cols;
    const callId = input.callId ?? crypto.randomUUID();
    if (this.has(callId)) throw new Error(`callId ${callId} already exists`);
    const row = c.addRow();
    c.startMs[row] = input.startedAt;
    c.acceptOff[row] = input.acceptAfterMs ?? OPEN;
    c.endOff[row] = input.endAfterMs ?? OPEN;
    c.caller[row] = this.users.intern(input.caller);
    let flags = FLAG_SCRIPTED;
    if (input.mediaType === "video") flags |= FLAG_VIDEO;
    if (input.callType === "group") flags |= FLAG_GROUP;
    if (input.generations.includes("v1")) flags |= FLAG_V1;
    if (input.generations.includes("v4")) flags |= FLAG_V4;
    c.flags[row] = withRoomType(flags, input.roomIdType);
    c.result[row] = RESULT[input.result];
    const numeric = input.roomIdType === 1 && String(Number(input.roomId) >>> 0) === input.roomId;
    c.roomNum[row] = numeric ? Number(input.roomId) : 0;
    if (!numeric) this.roomOverrides.set(row, input.roomId);
    if (input.chatGroupId !== undefined) this.groupOverrides.set(row, input.chatGroupId);
    const first = c.addMembers(input.callees.length);
    c.memStart[row] = first;
    c.memCount[row] = input.callees.length;
    input.callees.forEach((m, i) => {
      const idx = first + i;
      c.memUser[idx] = this.users.intern(m.userId);
      // An unreachable callee is a no-answer (or a cancel, if the call ends first) nobody received.
      c.memOutcome[idx] = m.outcome === "offline" ? OUTCOME.not_answered : OUTCOME[m.outcome];
      c.memAct[idx] = m.actedAfterMs ?? OPEN;
      if (m.outcome === "offline") this.unreachable.add(idx);
      if (m.invitedAfterMs) this.inviteOffsets.set(idx, m.invitedAfterMs);
    });
    if (input.endedBy !== undefined) {
      const i = input.callees.findIndex((m) => m.userId === input.endedBy);
      this.enders.set(
        row,
        input.endedBy === null ? ENDER_NONE : input.endedBy === input.caller ? 0 : i + 1,
      );
    }
    this.scriptedIds.set(callId, row);
    this.rowIds.set(row, callId);
    c.placeRow(row);
    return row;
  }

  /** Called once by the generator after it filled rows 0..n-1 in start order. */
  sealGenerated(n: number): void {
    this.generatedCount = n;
    for (let i = 0; i < n; i++) this.cols.order[i] = i;
    this.cols.rebuildBlocks(0, n);
  }

  roomId(row: number): string {
    const override = this.roomOverrides.get(row);
    if (override !== undefined) return override;
    const type = roomTypeOf(this.cols.flags[row]!);
    if (type === 1) return String(this.cols.roomNum[row]);
    return type === 2 ? generatedRoomId(this.seed, row) : "";
  }

  chatGroupId(row: number): string {
    const override = this.groupOverrides.get(row);
    if (override !== undefined) return override;
    return this.cols.flags[row]! & FLAG_GROUP && row < this.generatedCount
      ? generatedGroupId(this.seed, row)
      : "";
  }

  calleeIds(row: number): string[] {
    const c = this.cols;
    const first = c.memStart[row]!;
    const out = new Array<string>(c.memCount[row]!);
    for (let i = 0; i < out.length; i++) out[i] = this.users.name(c.memUser[first + i]!);
    return out;
  }

  generations(row: number): Generation[] {
    const f = this.cols.flags[row]!;
    const out: Generation[] = [];
    if (f & FLAG_V1) out.push("v1");
    if (f & FLAG_V4) out.push("v4");
    return out;
  }

  /** When member `idx` was invited, as an offset from the call's start (0 for most). */
  invitedOff(idx: number): number {
    return this.inviteOffsets.get(idx) ?? 0;
  }

  /** The invitation never reached member `idx`'s device. */
  isUnreachable(idx: number): boolean {
    return this.unreachable.has(idx);
  }

  /**
   * Who ended an answered call: ENDER_NONE, 0 (caller) or callee index + 1. Generated calls pick
   * the caller or the first callee who answered, from the row number, so it is stable per seed.
   */
  ender(row: number): number {
    const set = this.enders.get(row);
    if (set !== undefined) return set;
    const c = this.cols;
    if (c.acceptOff[row] === OPEN) return ENDER_NONE;
    if ((Math.imul(row ^ this.seed, 0x9e3779b1) >>> 0) % 2 === 0) return 0;
    const first = c.memStart[row]!;
    for (let i = 0; i < c.memCount[row]!; i++)
      if (c.memOutcome[first + i] === OUTCOME.accepted) return i + 1;
    return 0;
  }

  setEnder(row: number, ender: number): void {
    this.enders.set(row, ender);
  }

  windowStart(now = this.now()): number {
    return now - WEEK_MS;
  }

  /** Started and not yet ended at `now`. */
  isLive(row: number, now = this.now()): boolean {
    return this.cols.startMs[row]! <= now && this.cols.endAt(row) > now;
  }

  recordVisible(row: number, generation: Generation, now = this.now()): boolean {
    const c = this.cols;
    const flag = generation === "v1" ? FLAG_V1 : FLAG_V4;
    return (
      (c.flags[row]! & flag) !== 0 &&
      c.endAt(row) + this.recordDelayMs <= now &&
      c.startMs[row]! >= now - WEEK_MS
    );
  }

  /** Member statuses as get_call_info reports them: the caller and everyone still in the call. */
  liveMembers(row: number, now = this.now()): { userId: string; status: MemberStatus }[] {
    const c = this.cols;
    const elapsed = now - c.startMs[row]!;
    const out: { userId: string; status: MemberStatus }[] = [
      { userId: this.users.name(c.caller[row]!), status: "Calling" },
    ];
    const first = c.memStart[row]!;
    for (let i = first; i < first + c.memCount[row]!; i++) {
      const status = memberStatus(c.memOutcome[i]!, c.memAct[i]!, elapsed, this.invitedOff(i));
      if (status) out.push({ userId: this.users.name(c.memUser[i]!), status });
    }
    return out;
  }

  /**
   * Ends a live call now (end_call, or `ender` hanging up): members still ringing are cancelled,
   * the result becomes NormalEnd when someone had answered and Cancel otherwise.
   */
  endCall(row: number, now = this.now(), result?: number, ender = ENDER_NONE): void {
    const c = this.cols;
    const elapsed = Math.max(0, Math.floor(now - c.startMs[row]!));
    let anyAccepted = false;
    const first = c.memStart[row]!;
    for (let i = first; i < first + c.memCount[row]!; i++) {
      const acted = c.memAct[i]! !== OPEN && c.memAct[i]! <= elapsed;
      if (acted && c.memOutcome[i] === OUTCOME.accepted) anyAccepted = true;
      if (acted) continue;
      if (c.memOutcome[i] === OUTCOME.joined) {
        // Someone who meant to join later never will: they were never part of this call.
        c.memOutcome[i] = OUTCOME.pending;
        c.memAct[i] = OPEN;
      } else if (this.invitedOff(i) <= elapsed) {
        c.memOutcome[i] = OUTCOME.cancelled;
        c.memAct[i] = elapsed;
      } else {
        c.memOutcome[i] = OUTCOME.pending;
        c.memAct[i] = OPEN;
      }
    }
    if (c.acceptOff[row]! !== OPEN && c.acceptOff[row]! > elapsed) c.acceptOff[row] = OPEN;
    c.endOff[row] = elapsed;
    c.result[row] = result ?? (anyAccepted ? RESULT.NormalEnd : RESULT.Cancel);
    this.enders.set(row, ender);
    this.touch(row);
  }

  /** After changing a row in place: drop its cached records and refresh its block's summary. */
  touch(row: number): void {
    this.recordJson.v1.delete(row);
    this.recordJson.v4.delete(row);
    const pos = this.cols.positionOf(row);
    if (pos >= 0) this.cols.summarise(Math.floor(pos / BLOCK));
  }

  /** Rows of live calls at `now`, oldest first. */
  liveRows(now = this.now()): number[] {
    const c = this.cols;
    const out: number[] = [];
    const blocks = Math.ceil(c.count / BLOCK);
    for (let b = 0; b < blocks; b++) {
      if (c.blockMaxEnd[b]! <= now) continue;
      const end = Math.min(c.count, (b + 1) * BLOCK);
      for (let p = b * BLOCK; p < end; p++)
        if (this.isLive(c.order[p]!, now)) out.push(c.order[p]!);
    }
    return out;
  }

  /**
   * Records visible to one generation whose start lies in [fromMs, toMs), in start order: the
   * total count and one page. Whole blocks whose calls have all ended are counted from summaries.
   */
  queryRecords(q: RecordQuery, now = this.now()): { total: number; rows: number[] } {
    const c = this.cols;
    const genFlag = q.generation === "v1" ? FLAG_V1 : FLAG_V4;
    const genBit = q.generation === "v1" ? 1 : 2;
    const cats: number[] = [];
    for (let cat = 0; cat < CATEGORY_COUNT; cat++) {
      const gen = Math.floor(cat / (RESULT_COUNT * 2)) + 1;
      const res = Math.floor(cat / 2) % RESULT_COUNT;
      if (
        gen & genBit &&
        (q.result < 0 || res === q.result) &&
        (q.callType < 0 || cat % 2 === q.callType)
      ) {
        cats.push(cat);
      }
    }
    const unfiltered = q.result < 0 && q.callType < 0;
    const rows: number[] = [];
    let total = 0;
    let skip = q.offset;
    const lo = c.lowerBound(Math.max(q.fromMs, now - WEEK_MS));
    const hi = c.lowerBound(q.toMs);
    const endCutoff = now - this.recordDelayMs;
    let p = lo;
    while (p < hi) {
      const b = Math.floor(p / BLOCK);
      if (p % BLOCK === 0 && p + BLOCK <= hi && c.blockMaxEnd[b]! <= endCutoff) {
        let n = 0;
        if (unfiltered) n = c.blockGen[2 * b + genBit - 1]!;
        else {
          const base = b * CATEGORY_COUNT;
          for (const cat of cats) n += c.blockCounts[base + cat]!;
        }
        if (skip >= n || rows.length >= q.limit) {
          if (skip >= n) skip -= n;
          total += n;
          p += BLOCK;
          continue;
        }
      }
      const end = Math.min(hi, (b + 1) * BLOCK);
      for (; p < end; p++) {
        const row = c.order[p]!;
        const f = c.flags[row]!;
        if (!(f & genFlag)) continue;
        if (q.result >= 0 && c.result[row] !== q.result) continue;
        if (q.callType >= 0 && ((f & FLAG_GROUP) !== 0 ? 1 : 0) !== q.callType) continue;
        if (c.endAt(row) > endCutoff) continue;
        total++;
        if (skip > 0) skip--;
        else if (rows.length < q.limit) rows.push(row);
      }
    }
    return { total, rows };
  }

  get(callId: string, now = this.now()): CallSnapshot | undefined {
    const row = this.rowOf(callId);
    return row === undefined ? undefined : this.snapshot(row, now);
  }

  /** Ground truth listing: calls starting in [from, to) (ms), optionally involving one user. */
  list(
    opts: { from?: number; to?: number; user?: string; limit?: number } = {},
    now = this.now(),
  ): { total: number; calls: CallSnapshot[] } {
    const c = this.cols;
    const lo = c.lowerBound(opts.from ?? -Infinity);
    const hi = c.lowerBound(opts.to ?? Infinity);
    const limit = opts.limit ?? 100;
    const user = opts.user === undefined ? undefined : this.users.lookup(opts.user);
    if (opts.user !== undefined && user === undefined) return { total: 0, calls: [] };
    const calls: CallSnapshot[] = [];
    let total = 0;
    for (let p = lo; p < hi; p++) {
      const row = c.order[p]!;
      if (user !== undefined && !this.involves(row, user)) continue;
      total++;
      if (calls.length < limit) calls.push(this.snapshot(row, now));
    }
    return { total, calls };
  }

  involves(row: number, user: number): boolean {
    const c = this.cols;
    if (c.caller[row] === user) return true;
    const first = c.memStart[row]!;
    for (let i = first; i < first + c.memCount[row]!; i++) if (c.memUser[i] === user) return true;
    return false;
  }

  snapshot(row: number, now = this.now()): CallSnapshot {
    return snapshotOf(this, row, now);
  }
}

export { categoryOf };
