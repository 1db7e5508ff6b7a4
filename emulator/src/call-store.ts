import {
  BLOCK,
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
  type Generation,
  type MemberOutcome,
  type MemberStatus,
  type V4Result,
} from "./enums";
import { snapshotOf, type CallSnapshot } from "./ground-truth";
import { generatedCallId, generatedRowOf, generatedRoomId, generatedGroupId } from "./ids";
import {
  ENDER_NONE,
  generatedEnder,
  liveMemberStatuses,
  settleMembersAtEnd,
} from "./member-outcomes";
import { liveRowsOf, queryRecordRows, rowsStartingIn, type RecordQuery } from "./record-scan";
import { UserTable } from "./users";

export type { CallSnapshot, RecordQuery };
export { ENDER_NONE };
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

  /** Who ended an answered call: ENDER_NONE, 0 (caller) or callee index + 1. */
  ender(row: number): number {
    return this.enders.get(row) ?? generatedEnder(this.cols, row, this.seed);
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

  liveMembers(row: number, now = this.now()): { userId: string; status: MemberStatus }[] {
    const elapsed = now - this.cols.startMs[row]!;
    return liveMemberStatuses(
      this.cols,
      row,
      elapsed,
      (user) => this.users.name(user),
      (idx) => this.invitedOff(idx),
    );
  }

  /**
   * Ends a live call now (end_call, or `ender` hanging up): members still ringing are cancelled,
   * the result becomes NormalEnd when someone had answered and Cancel otherwise.
   */
  endCall(row: number, now = this.now(), result?: number, ender = ENDER_NONE): void {
    const c = this.cols;
    const elapsed = Math.max(0, Math.floor(now - c.startMs[row]!));
    const anyAccepted = settleMembersAtEnd(c, row, elapsed, (idx) => this.invitedOff(idx));
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

  liveRows(now = this.now()): number[] {
    return liveRowsOf(this.cols, now, (row) => this.isLive(row, now));
  }

  queryRecords(q: RecordQuery, now = this.now()): { total: number; rows: number[] } {
    return queryRecordRows(this.cols, q, now, this.recordDelayMs);
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
    const user = opts.user === undefined ? undefined : this.users.lookup(opts.user);
    if (opts.user !== undefined && user === undefined) return { total: 0, calls: [] };
    const { total, rows } = rowsStartingIn(this.cols, opts.from, opts.to, user, opts.limit ?? 100);
    return { total, calls: rows.map((row) => this.snapshot(row, now)) };
  }

  snapshot(row: number, now = this.now()): CallSnapshot {
    return snapshotOf(this, row, now);
  }
}

export { categoryOf };
