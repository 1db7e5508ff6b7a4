import "server-only";

import type { CallRecord, Generation } from "@/lib/calls/types";
import type { TrtcClient } from "@/lib/trtc/client";
import { TrtcError } from "@/lib/trtc/errors";

// The upstream throttle sets the pace; this semaphore only bounds how many requests wait.

export type RecordSource = Pick<TrtcClient, "listRecordsPage">;

export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly permits: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.permits) await new Promise<void>((ok) => this.waiting.push(ok));
    else this.active++;
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

export type SliceFetchOptions = {
  pageSize: number;
  pageRetries: number;
  retryDelayMs: number;
  sliceRetries: number;
};

export type Slice = {
  /** Unix seconds, inclusive. */
  fromSec: number;
  /** Unix seconds, exclusive. */
  toSec: number;
};

/** A slice still short of Tencent's count after every re-read: `got` of `expected` records. */
export type ShortSlice = Slice & { expected: number; got: number };

export type SliceResult = {
  records: Map<string, CallRecord>;
  pages: number;
  total: number;
  unchanged: boolean;
  /** The smallest slices that stayed short (empty when the slice was read in full). */
  short: ShortSlice[];
};

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

export async function readPage(
  source: RecordSource,
  generation: Generation,
  slice: Slice,
  pageNo: number,
  opts: SliceFetchOptions,
) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await source.listRecordsPage({
        generation,
        from: new Date(slice.fromSec * 1000),
        // Tencent's upper bound is inclusive (whole seconds); slices are half-open.
        to: new Date((slice.toSec - 1) * 1000),
        page: pageNo,
        pageSize: opts.pageSize,
      });
    } catch (error) {
      const transient = error instanceof TrtcError && (error.retryable || error.rateLimited);
      if (!transient || attempt >= opts.pageRetries) throw error;
      await sleep(opts.retryDelayMs * 2 ** attempt * (0.5 + Math.random()));
    }
  }
}

// Records in the window never disappear and the index holds only what Tencent returned, so an
// equal `localCount` means the index has them all and the remaining pages are skipped.
export async function fetchSlice(
  source: RecordSource,
  generation: Generation,
  slice: Slice,
  limiter: Semaphore,
  opts: SliceFetchOptions,
  localCount?: () => Promise<number>,
): Promise<SliceResult> {
  let pages = 0;
  // Kept across re-reads: records in the window never disappear, so what one read saw stays true.
  const records = new Map<string, CallRecord>();
  for (let round = 0; ; round++) {
    const first = await limiter.run(() => readPage(source, generation, slice, 1, opts));
    pages++;
    for (const r of first.items) records.set(r.callId, r);
    if (localCount && round === 0 && (await localCount()) === first.total) {
      return { records: new Map(), pages, total: first.total, unchanged: true, short: [] };
    }
    // Tencent may serve fewer per page than asked (its cap is undocumented): page by what it sent.
    const served = first.items.length + first.skipped;
    const pageSize =
      served > 0 && served < opts.pageSize && first.total > served ? served : opts.pageSize;
    const count = Math.ceil(first.total / pageSize);
    let maxTotal = first.total;
    let skipped = first.skipped;
    const rest = await Promise.all(
      Array.from({ length: Math.max(0, count - 1) }, (_, i) =>
        limiter.run(() => readPage(source, generation, slice, i + 2, { ...opts, pageSize })),
      ),
    );
    pages += rest.length;
    for (const p of rest) {
      maxTotal = Math.max(maxTotal, p.total);
      skipped += p.skipped;
      for (const r of p.items) records.set(r.callId, r);
    }
    // Offset paging: a record that appeared meanwhile, or an order that is not stable, shifts
    // others to an unread page; fewer distinct records than Tencent counted means exactly that.
    const complete = records.size + skipped >= maxTotal;
    const seconds = slice.toSec - slice.fromSec;
    // A one-second slice cannot be split: its ties are read again, more times.
    if (complete || (seconds <= 1 && round >= 4 * opts.sliceRetries)) {
      const got = records.size + skipped;
      const short = complete ? [] : [{ ...slice, expected: maxTotal, got }];
      return { records, pages, total: first.total, unchanged: false, short };
    }
    if (round >= opts.sliceRetries && seconds > 1) {
      // Still short: halves hold fewer records each, so fewer pages for the order to shift under.
      const mid = slice.fromSec + Math.floor(seconds / 2);
      const halves = await Promise.all(
        [
          { fromSec: slice.fromSec, toSec: mid },
          { fromSec: mid, toSec: slice.toSec },
        ].map((half) => fetchSlice(source, generation, half, limiter, opts)),
      );
      for (const h of halves) {
        pages += h.pages;
        for (const [id, r] of h.records) records.set(id, r);
      }
      // The halves' records with this slice's own may make up the count after all.
      const short = records.size + skipped >= maxTotal ? [] : halves.flatMap((h) => h.short);
      return { records, pages, total: first.total, unchanged: false, short };
    }
  }
}
