import { queryOptions } from "@tanstack/react-query";

import { PRESENCE_MAX_USERS, type PresenceItem, type PresenceResponse } from "@/lib/presence/types";
import { fetchJson } from "@/lib/queries/fetch-json";

export const presenceKeys = {
  all: ["presence"] as const,
  user: (userId: string) => ["presence", userId] as const,
};

export type UserPresenceNow = { item: PresenceItem; asOf: string; requestIds: string[] };

type Waiting = {
  resolve: (value: UserPresenceNow) => void;
  reject: (error: unknown) => void;
};

// Badges ask one user each; asks made in the same tick go to the server as one request.
const pending = new Map<string, Waiting[]>();
let scheduled = false;

function flush(): void {
  scheduled = false;
  const batch = [...pending.entries()].slice(0, PRESENCE_MAX_USERS);
  for (const [userId] of batch) pending.delete(userId);
  if (pending.size > 0) schedule();
  const users = batch.map(([userId]) => userId);
  const query = new URLSearchParams(users.map((u) => ["users", u]));
  fetchJson<PresenceResponse>(`/api/presence?${query.toString()}`)
    .then((res) => {
      for (const [userId, waiters] of batch) {
        const item = res.items.find((i) => i.userId === userId) ?? {
          userId,
          status: null,
          errorCode: null,
        };
        for (const w of waiters) w.resolve({ item, asOf: res.asOf, requestIds: res.requestIds });
      }
    })
    .catch((error: unknown) => {
      for (const [, waiters] of batch) for (const w of waiters) w.reject(error);
    });
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setTimeout(flush, 0);
}

export function fetchUserPresence(userId: string): Promise<UserPresenceNow> {
  return new Promise((resolve, reject) => {
    pending.set(userId, [...(pending.get(userId) ?? []), { resolve, reject }]);
    schedule();
  });
}

export const PRESENCE_REFRESH_MS = 30_000;

export const userPresenceOptions = (userId: string) =>
  queryOptions({
    queryKey: presenceKeys.user(userId),
    queryFn: () => fetchUserPresence(userId),
    staleTime: PRESENCE_REFRESH_MS / 2,
    refetchInterval: PRESENCE_REFRESH_MS,
    refetchIntervalInBackground: false,
    retry: false,
  });
