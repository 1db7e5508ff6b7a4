import "server-only";

import type { CallRecord, Generation } from "@/lib/calls/types";
import type { TrtcClient } from "@/lib/trtc/client";
import { TrtcError } from "@/lib/trtc/errors";

// Reading one time slice of records from one generation, all of its pages. The pace is set by
// the upstream client's process-wide throttle (shared with every other upstream request); the
// semaphore here only bounds how many requests wait at once, so a big backfill neither floods
// the throttle's deadline nor the connection pool.

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
  /** Retries of one page after the client's own retries gave up on a transient error. */
  pageRetries: number;
  retryDelayMs: number;
  /** Re-reads of a slice whose pages moved under us (records appearing while we paged). */
  sliceRetries: number;
};

export type Slice = {
  /** Unix seconds, inclusive. */
  fromSec: number;
  /** Unix seconds, exclusive. */
  toSec: number;
};

export type SliceResult = {
  records: Map<string, CallRecord>;
  pages: number;
  /** Tencent's count for the slice when we started reading it. */
  total: number;
  /** True when the probe showed the index already holds every record of the slice. */
  unchanged: boolean;
};

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

async function page(
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

/**
 * Every record of one generation starting inside the slice. `localCount`, when given, is the
 * number of that generation's records the index already holds for the slice: the index only
 * ever holds records Tencent returned, and records inside the 7-day window do not disappear,
 * so an equal count means the index has them all and the remaining pages are skipped.
 */
export async function fetchSlice(
  source: RecordSource,
  generation: Generation,
  slice: Slice,
  limiter: Semaphore,
  opts: SliceFetchOptions,
  localCount?: () => Promise<number>,
): Promise<SliceResult> {
  let pages = 0;
  for (let round = 0; ; round++) {
    const first = await limiter.run(() => page(source, generation, slice, 1, opts));
    pages++;
    const records = new Map<string, CallRecord>();
    for (const r of first.items) records.set(r.callId, r);
    if (localCount && round === 0 && (await localCount()) === first.total) {
      return { records: new Map(), pages, total: first.total, unchanged: true };
    }
    const count = Math.ceil(first.total / opts.pageSize);
    let maxTotal = first.total;
    let skipped = first.skipped;
    const rest = await Promise.all(
      Array.from({ length: Math.max(0, count - 1) }, (_, i) =>
        limiter.run(() => page(source, generation, slice, i + 2, opts)),
      ),
    );
    pages += rest.length;
    for (const p of rest) {
      maxTotal = Math.max(maxTotal, p.total);
      skipped += p.skipped;
      for (const r of p.items) records.set(r.callId, r);
    }
    // Paging is by offset: a record that appeared meanwhile shifts later ones to a page we did
    // not read. Fewer distinct records than Tencent counted means exactly that: read again.
    if (records.size + skipped >= maxTotal || round >= opts.sliceRetries) {
      return { records, pages, total: first.total, unchanged: false };
    }
  }
}
