// Per-process memory of sessions and their accounts: a revoked session, a demoted or removed user
// loses access within `maxAgeMs` on every instance (at once on the instance that made the change),
// without a database round trip in front of every request.

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

export type RecentReader<T> = ((id: string) => Promise<T | undefined>) & {
  /** Drops what this process remembers of `id`, so its next read goes to the database. */
  forget: (id: string) => void;
};

export function createRecentUsers<T>(
  load: (id: string) => Promise<T | undefined>,
  options: RecentUsersOptions = RECENT_USERS_DEFAULTS,
): RecentReader<T> {
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry<T>>();
  const reading = new Map<string, Promise<T | undefined>>();
  // A read that started before a forget() must not put the forgotten value back.
  const forgets = new Map<string, number>();

  const read = (id: string): Promise<T | undefined> => {
    const pending = reading.get(id);
    if (pending) return pending;
    const readStartedAt = now();
    const forgetsAtStart = forgets.get(id) ?? 0;
    const promise = load(id)
      .then((value) => {
        if (options.maxAgeMs > 0 && (forgets.get(id) ?? 0) === forgetsAtStart) {
          entries.delete(id); // re-inserted last: Map order is then least recently read first
          entries.set(id, { value, readStartedAt });
          if (entries.size > options.maxEntries)
            entries.delete(entries.keys().next().value as string);
        }
        return value;
      })
      .finally(() => {
        if (reading.get(id) === promise) reading.delete(id);
      });
    reading.set(id, promise);
    return promise;
  };

  const reader = async (id: string): Promise<T | undefined> => {
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
  reader.forget = (id: string) => {
    if (forgets.size >= options.maxEntries) forgets.clear();
    forgets.set(id, (forgets.get(id) ?? 0) + 1);
    entries.delete(id);
    reading.delete(id);
  };
  return reader;
}
