import "server-only";

import type { Generation } from "@/lib/calls/types";
import type { Db } from "@/lib/db/client";

import type { ShortSlice, Slice, SliceResult } from "./fetch";
import { updateState } from "./state";
import { upsertRecords } from "./store";

// A slice that stays short of Tencent's count is never silently accepted: it is kept here (in
// sync_state, so a restart keeps it), shown in the sync status, and read again by every pass.

export type IncompleteSlice = {
  generation: Generation;
  /** ISO time, inclusive. */
  from: string;
  /** ISO time, exclusive. */
  to: string;
  /** Tencent's count for the slice. */
  expected: number;
  /** Distinct records its pages held. */
  got: number;
};

export type GenerationShortSlice = ShortSlice & { generation: Generation };

const GENERATIONS: readonly string[] = ["v1", "v4"];

/** The stored list, without anything malformed (the column is plain JSON). */
export function incompleteSlicesOf(stored: unknown): IncompleteSlice[] {
  if (!Array.isArray(stored)) return [];
  return stored.filter(
    (e): e is IncompleteSlice =>
      typeof e === "object" &&
      e !== null &&
      GENERATIONS.includes((e as IncompleteSlice).generation) &&
      !Number.isNaN(Date.parse((e as IncompleteSlice).from)) &&
      !Number.isNaN(Date.parse((e as IncompleteSlice).to)) &&
      Number.isInteger((e as IncompleteSlice).expected) &&
      Number.isInteger((e as IncompleteSlice).got),
  );
}

const secondsOf = (e: IncompleteSlice): Slice => ({
  fromSec: Date.parse(e.from) / 1000,
  toSec: Date.parse(e.to) / 1000,
});

export class IncompleteSlices {
  private entries: IncompleteSlice[];
  private saving: Promise<void> = Promise.resolve();
  private readonly windowStartSec: number;
  /** Whether the stored list held slices Tencent no longer serves (saved at once, so none shows). */
  readonly dropped: boolean;

  /** Drops what Tencent no longer serves: slices out of the window, generations not configured. */
  constructor(
    private readonly db: Db,
    stored: unknown,
    configured: readonly Generation[],
    windowStartMs: number,
  ) {
    this.entries = incompleteSlicesOf(stored).filter(
      (e) => configured.includes(e.generation) && Date.parse(e.to) > windowStartMs,
    );
    this.dropped = Array.isArray(stored) && stored.length !== this.entries.length;
    this.windowStartSec = Math.ceil(windowStartMs / 1000);
  }

  /** The stored slices of these generations, and what of each is still in the window. */
  pending(
    generations: readonly Generation[],
  ): { generation: Generation; slice: Slice; inWindow: Slice }[] {
    return this.entries
      .filter((e) => generations.includes(e.generation))
      .map((e) => {
        const slice = secondsOf(e);
        const inWindow = { ...slice, fromSec: Math.max(slice.fromSec, this.windowStartSec) };
        return { generation: e.generation, slice, inWindow };
      });
  }

  /** A read of `slice` for these generations replaces what was stored inside it by what stayed short. */
  settle(
    generations: readonly Generation[],
    slice: Slice,
    short: GenerationShortSlice[],
  ): Promise<void> {
    const inside = (e: IncompleteSlice) => {
      const s = secondsOf(e);
      return (
        generations.includes(e.generation) && s.fromSec >= slice.fromSec && s.toSec <= slice.toSec
      );
    };
    const kept = this.entries.filter((e) => !inside(e));
    if (kept.length === this.entries.length && short.length === 0) return this.saving;
    this.entries = [
      ...kept,
      ...short.map((s) => ({
        generation: s.generation,
        from: new Date(s.fromSec * 1000).toISOString(),
        to: new Date(s.toSec * 1000).toISOString(),
        expected: s.expected,
        got: s.got,
      })),
    ].sort((a, b) => a.from.localeCompare(b.from) || a.generation.localeCompare(b.generation));
    return this.save();
  }

  /** Writes the list as it stands; saves run one after another, so the last one wins. */
  save(): Promise<void> {
    const snapshot = [...this.entries];
    this.saving = this.saving.then(() => updateState(this.db, { incompleteSlices: snapshot }));
    return this.saving;
  }

  list(): IncompleteSlice[] {
    return [...this.entries];
  }
}

/** Reads every stored slice of these generations again and stores what it finds. */
export async function rereadIncomplete(
  db: Db,
  ledger: IncompleteSlices,
  generations: readonly Generation[],
  read: (generation: Generation, slice: Slice) => Promise<SliceResult>,
): Promise<{ pages: number; fetched: number; written: number; slices: number }> {
  const out = { pages: 0, fetched: 0, written: 0, slices: 0 };
  for (const { generation, slice, inWindow } of ledger.pending(generations)) {
    const result = await read(generation, inWindow);
    out.pages += result.pages;
    out.fetched += result.records.size;
    out.written += await upsertRecords(db, [...result.records.values()]);
    out.slices++;
    await ledger.settle(
      [generation],
      slice,
      result.short.map((s) => ({ ...s, generation })),
    );
  }
  return out;
}
