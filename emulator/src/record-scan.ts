import { BLOCK, CATEGORY_COUNT, FLAG_GROUP, FLAG_V1, FLAG_V4, WEEK_MS } from "./call-columns";
import type { CallColumns } from "./call-columns";
import { RESULT_COUNT, type Generation } from "./enums";

// Scans over the start-ordered columns. Whole blocks are skipped or counted from their summaries
// (latest end, counts per category) so a week of a million calls answers without touching each row.

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

/** Rows for which `isLive` holds, oldest first, looking only into blocks with a call not over at `now`. */
export function liveRowsOf(
  c: CallColumns,
  now: number,
  isLive: (row: number) => boolean,
): number[] {
  const out: number[] = [];
  const blocks = Math.ceil(c.count / BLOCK);
  for (let b = 0; b < blocks; b++) {
    if (c.blockMaxEnd[b]! <= now) continue;
    const end = Math.min(c.count, (b + 1) * BLOCK);
    for (let p = b * BLOCK; p < end; p++) if (isLive(c.order[p]!)) out.push(c.order[p]!);
  }
  return out;
}

function categoriesOf(q: RecordQuery, genBit: number): number[] {
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
  return cats;
}

/**
 * Records visible to one generation whose start lies in [fromMs, toMs), in start order: the
 * total count and one page. Whole blocks whose calls have all ended are counted from summaries.
 */
export function queryRecordRows(
  c: CallColumns,
  q: RecordQuery,
  now: number,
  recordDelayMs: number,
): { total: number; rows: number[] } {
  const genFlag = q.generation === "v1" ? FLAG_V1 : FLAG_V4;
  const genBit = q.generation === "v1" ? 1 : 2;
  const cats = categoriesOf(q, genBit);
  const unfiltered = q.result < 0 && q.callType < 0;
  const rows: number[] = [];
  let total = 0;
  let skip = q.offset;
  const lo = c.lowerBound(Math.max(q.fromMs, now - WEEK_MS));
  const hi = c.lowerBound(q.toMs);
  const endCutoff = now - recordDelayMs;
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

function involves(c: CallColumns, row: number, user: number): boolean {
  if (c.caller[row] === user) return true;
  const first = c.memStart[row]!;
  for (let i = first; i < first + c.memCount[row]!; i++) if (c.memUser[i] === user) return true;
  return false;
}

/** Calls starting in [from, to) (ms), optionally involving one user: how many, and the first `limit`. */
export function rowsStartingIn(
  c: CallColumns,
  from: number | undefined,
  to: number | undefined,
  user: number | undefined,
  limit: number,
): { total: number; rows: number[] } {
  const lo = c.lowerBound(from ?? -Infinity);
  const hi = c.lowerBound(to ?? Infinity);
  const rows: number[] = [];
  let total = 0;
  for (let p = lo; p < hi; p++) {
    const row = c.order[p]!;
    if (user !== undefined && !involves(c, row, user)) continue;
    total++;
    if (rows.length < limit) rows.push(row);
  }
  return { total, rows };
}
