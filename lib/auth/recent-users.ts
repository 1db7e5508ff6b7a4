// A very short per-process memory of staff accounts by id, for the session check that runs on
// every request. Roles are re-read from the database so that a demoted or removed user loses
// access almost at once; reading them on every request, though, put a database round trip (several
// milliseconds on PGlite, more while the record sync writes) in front of every API answer.
//
// The bound on staleness: an answer is never based on a database read that started more than
// `maxAgeMs` ago (5 s by default). Reads older than `refreshAfterMs` (1 s) are still served but
// start a read in the background, so under steady use a role change shows within about a second
// plus the gap between requests, and the request path itself rarely waits for the database.
// Several instances each keep their own memory; the bound holds per instance.

export type RecentUsersOptions = {
  /** Older entries are served once more while a fresh read runs in the background. */
  refreshAfterMs: number;
  /** Older entries are never served: the request waits for a fresh read. 0 = no memory at all. */
  maxAgeMs: number;
  /** At most this many ids are kept; the least recently read go first. */
  maxEntries: number;
  now?: () => number;
  onBackgroundError?: (error: unknown) => void;
};

export const RECENT_USERS_DEFAULTS: RecentUsersOptions = {
  refreshAfterMs: 1_000,
  maxAgeMs: 5_000,
  maxEntries: 1_000,
};

type Entry<T> = { value: T | undefined; readStartedAt: number };

/** Wraps `load` (a by-id lookup) with the memory described above; concurrent misses share one read. */
export function createRecentUsers<T>(
  load: (id: string) => Promise<T | undefined>,
  options: RecentUsersOptions = RECENT_USERS_DEFAULTS,
): (id: string) => Promise<T | undefined> {
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry<T>>();
  const reading = new Map<string, Promise<T | undefined>>();

  const read = (id: string): Promise<T | undefined> => {
    const pending = reading.get(id);
    if (pending) return pending;
    const readStartedAt = now();
    const promise = load(id)
      .then((value) => {
        if (options.maxAgeMs > 0) {
          entries.delete(id); // re-inserted last: Map order is then least recently read first
          entries.set(id, { value, readStartedAt });
          if (entries.size > options.maxEntries)
            entries.delete(entries.keys().next().value as string);
        }
        return value;
      })
      .finally(() => reading.delete(id));
    reading.set(id, promise);
    return promise;
  };

  return async (id) => {
    const entry = entries.get(id);
    const age = entry ? now() - entry.readStartedAt : Infinity;
    if (!entry || age >= options.maxAgeMs) return read(id);
    if (age >= options.refreshAfterMs && !reading.has(id)) {
      read(id).catch((error: unknown) => {
        // Forget the entry so the next request reads (and reports) the failure itself.
        entries.delete(id);
        options.onBackgroundError?.(error);
      });
    }
    return entry.value;
  };
}
