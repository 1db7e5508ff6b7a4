import { RESULT_COUNT } from "./enums";

// Columnar storage for calls. One row per call, typed arrays per field, and a flat pool for
// members, so a million calls fit in tens of megabytes. Rows are append-only; `order` lists rows
// by start time, and per-block summaries over `order` let window queries skip whole blocks.

/** Tencent keeps call records for 7 days. */
export const WEEK_MS = 7 * 24 * 3600 * 1000;

/** Offset value meaning "not (yet) happened" for accept/end/member-action offsets. */
export const OPEN = 0xffffffff;

export const FLAG_VIDEO = 1;
export const FLAG_GROUP = 2;
export const FLAG_V1 = 4;
export const FLAG_V4 = 8;
const ROOM_TYPE_SHIFT = 4; // two bits: 0 none, 1 numeric, 2 string
export const FLAG_SCRIPTED = 64;

export const BLOCK = 1024;
/** Summary categories: generation visibility (v1 only, v4 only, both) × result × single/group. */
export const CATEGORY_COUNT = 3 * RESULT_COUNT * 2;

export function categoryOf(flags: number, result: number): number {
  const gen = (flags >> 2) & 3; // 1 = v1 only, 2 = v4 only, 3 = both
  return ((gen - 1) * RESULT_COUNT + result) * 2 + (flags & FLAG_GROUP ? 1 : 0);
}

export function roomTypeOf(flags: number): 0 | 1 | 2 {
  return ((flags >> ROOM_TYPE_SHIFT) & 3) as 0 | 1 | 2;
}

export function withRoomType(flags: number, type: 0 | 1 | 2): number {
  return (flags & ~(3 << ROOM_TYPE_SHIFT)) | (type << ROOM_TYPE_SHIFT);
}

export class CallColumns {
  count = 0;
  startMs: Float64Array;
  acceptOff: Uint32Array;
  endOff: Uint32Array;
  caller: Uint32Array;
  memStart: Uint32Array;
  memCount: Uint16Array;
  flags: Uint8Array;
  result: Uint8Array;
  roomNum: Uint32Array;

  memLen = 0;
  memUser: Uint32Array;
  memOutcome: Uint8Array;
  memAct: Uint32Array;

  /** Rows sorted by start time (ties: insertion order). */
  order: Int32Array;
  blockCounts: Uint32Array;
  /** Per block: calls visible to v1 ([2b]) and to v4 ([2b+1]), the common unfiltered count. */
  blockGen: Uint32Array;
  /** Latest end (ms) of any call in the block; Infinity while one is open-ended. */
  blockMaxEnd: Float64Array;

  constructor(capacity: number, memberCapacity: number) {
    const cap = Math.max(16, capacity);
    this.startMs = new Float64Array(cap);
    this.acceptOff = new Uint32Array(cap);
    this.endOff = new Uint32Array(cap);
    this.caller = new Uint32Array(cap);
    this.memStart = new Uint32Array(cap);
    this.memCount = new Uint16Array(cap);
    this.flags = new Uint8Array(cap);
    this.result = new Uint8Array(cap);
    this.roomNum = new Uint32Array(cap);
    this.order = new Int32Array(cap);
    const mcap = Math.max(64, memberCapacity);
    this.memUser = new Uint32Array(mcap);
    this.memOutcome = new Uint8Array(mcap);
    this.memAct = new Uint32Array(mcap);
    const blocks = Math.ceil(cap / BLOCK) + 1;
    this.blockCounts = new Uint32Array(blocks * CATEGORY_COUNT);
    this.blockGen = new Uint32Array(blocks * 2);
    this.blockMaxEnd = new Float64Array(blocks);
  }

  get capacity(): number {
    return this.startMs.length;
  }

  /** Reserves a row (growing the arrays when full) and returns its number. */
  addRow(): number {
    if (this.count === this.capacity) this.grow(this.capacity * 2);
    return this.count++;
  }

  /** Reserves `n` member slots and returns the first. */
  addMembers(n: number): number {
    if (this.memLen + n > this.memUser.length) {
      const cap = Math.max(this.memUser.length * 2, this.memLen + n);
      this.memUser = grown(this.memUser, cap);
      this.memOutcome = grown(this.memOutcome, cap);
      this.memAct = grown(this.memAct, cap);
    }
    const first = this.memLen;
    this.memLen += n;
    return first;
  }

  endAt(row: number): number {
    const off = this.endOff[row] ?? OPEN;
    return off === OPEN ? Infinity : (this.startMs[row] ?? 0) + off;
  }

  /** First position in `order` whose start is ≥ ms. */
  lowerBound(ms: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.startMs[this.order[mid]!] ?? 0) < ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Inserts an already-filled row into the start-time order and refreshes the summaries after it. */
  placeRow(row: number): void {
    const start = this.startMs[row] ?? 0;
    const used = row; // `order` holds rows 0..row-1 before this call
    let pos = used;
    // Most inserted calls start "now", i.e. at the end: search from the back in that case.
    if (used > 0 && (this.startMs[this.order[used - 1]!] ?? 0) > start) {
      let lo = 0;
      let hi = used;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((this.startMs[this.order[mid]!] ?? 0) <= start) lo = mid + 1;
        else hi = mid;
      }
      pos = lo;
      this.order.copyWithin(pos + 1, pos, used);
    }
    this.order[pos] = row;
    this.rebuildBlocks(Math.floor(pos / BLOCK), this.count);
  }

  /** Position of a row in `order` (rows are found by their start time, then a short scan). */
  positionOf(row: number): number {
    const start = this.startMs[row] ?? 0;
    for (let p = this.lowerBound(start); p < this.count; p++) if (this.order[p] === row) return p;
    return -1;
  }

  rebuildBlocks(fromBlock: number, count: number): void {
    const blocks = Math.ceil(count / BLOCK);
    for (let b = fromBlock; b < blocks; b++) this.summarise(b, count);
  }

  summarise(b: number, count = this.count): void {
    const base = b * CATEGORY_COUNT;
    this.blockCounts.fill(0, base, base + CATEGORY_COUNT);
    let maxEnd = -Infinity;
    let v1 = 0;
    let v4 = 0;
    const end = Math.min(count, (b + 1) * BLOCK);
    for (let p = b * BLOCK; p < end; p++) {
      const row = this.order[p]!;
      const flags = this.flags[row]!;
      this.blockCounts[base + categoryOf(flags, this.result[row]!)]!++;
      if (flags & FLAG_V1) v1++;
      if (flags & FLAG_V4) v4++;
      const e = this.endAt(row);
      if (e > maxEnd) maxEnd = e;
    }
    this.blockMaxEnd[b] = maxEnd;
    this.blockGen[2 * b] = v1;
    this.blockGen[2 * b + 1] = v4;
  }

  private grow(cap: number): void {
    this.startMs = grown(this.startMs, cap);
    this.acceptOff = grown(this.acceptOff, cap);
    this.endOff = grown(this.endOff, cap);
    this.caller = grown(this.caller, cap);
    this.memStart = grown(this.memStart, cap);
    this.memCount = grown(this.memCount, cap);
    this.flags = grown(this.flags, cap);
    this.result = grown(this.result, cap);
    this.roomNum = grown(this.roomNum, cap);
    this.order = grown(this.order, cap);
    const blocks = Math.ceil(cap / BLOCK) + 1;
    this.blockCounts = grown(this.blockCounts, blocks * CATEGORY_COUNT);
    this.blockGen = grown(this.blockGen, blocks * 2);
    this.blockMaxEnd = grown(this.blockMaxEnd, blocks);
  }
}

type Typed = Float64Array | Uint32Array | Uint16Array | Uint8Array | Int32Array;
function grown<T extends Typed>(a: T, cap: number): T {
  const b = new (a.constructor as new (n: number) => T)(cap);
  b.set(a);
  return b;
}
