import "server-only";

import type { Executor } from "@/lib/db/executor";

import { storeEvents } from "./store";
import type { NewCallEvent } from "./types";

// Group commit for the receiver: deliveries that arrive while a write is in flight go into the
// next statement together, and each is answered only once that statement has committed.

type Waiting = { events: NewCallEvent[]; done: (error?: unknown) => void };

const asError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));

export type EventWriter = { write: (events: NewCallEvent[]) => Promise<void> };

export type WriterOptions = {
  /** Statements in flight at once. */
  concurrency: number;
  /** Events per statement at most. */
  maxEvents: number;
};

// Sorted, so concurrent statements take row locks in the same order and cannot deadlock.
const byCallThenKey = (a: NewCallEvent, b: NewCallEvent): number =>
  a.callId < b.callId ? -1 : a.callId > b.callId ? 1 : a.dedupKey < b.dedupKey ? -1 : 1;

export function createEventWriter(db: Executor, options: WriterOptions): EventWriter {
  const queue: Waiting[] = [];
  let inFlight = 0;

  async function flush(batch: Waiting[]): Promise<void> {
    const events = batch.flatMap((w) => w.events).sort(byCallThenKey);
    try {
      await storeEvents(db, events);
      for (const w of batch) w.done();
    } catch (error) {
      if (batch.length === 1) return batch[0]!.done(error);
      // One delivery the database refuses must not fail the others that shared its statement.
      await Promise.all(
        batch.map((w) =>
          storeEvents(db, [...w.events].sort(byCallThenKey)).then(
            () => w.done(),
            (e: unknown) => w.done(e),
          ),
        ),
      );
    }
  }

  function pump(): void {
    while (inFlight < options.concurrency && queue.length > 0) {
      const batch: Waiting[] = [];
      let size = 0;
      while (
        queue.length > 0 &&
        (batch.length === 0 || size + queue[0]!.events.length <= options.maxEvents)
      ) {
        const next = queue.shift()!;
        size += next.events.length;
        batch.push(next);
      }
      inFlight++;
      void flush(batch).finally(() => {
        inFlight--;
        pump();
      });
    }
  }

  return {
    write: (events) =>
      new Promise<void>((resolve, reject) => {
        queue.push({
          events,
          done: (error) => (error === undefined ? resolve() : reject(asError(error))),
        });
        pump();
      }),
  };
}
