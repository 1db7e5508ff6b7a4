// Per-process memory of staff accounts: a demoted or removed user still loses access within
// `maxAgeMs`, without a database round trip in front of every request. Each instance has its own.

export type RecentUsersOptions = {
  refreshAfterMs: number;
  maxAgeMs: number;
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
