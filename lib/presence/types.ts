// GET /api/presence: each user's Chat login state at the moment of asking. Pure: the client imports it.

export type PresenceItem = {
  userId: string;
  /** `Online`, `PushOnline` or `Offline`; a word Chat adds later is kept; `null` when refused. */
  status: string | null;
  /** Chat's per-account error (70107: not a Chat account); `null` if it left the account out. */
  errorCode?: number | null;
};

export type PresenceResponse = {
  items: PresenceItem[];
  /** When Tencent was asked (ISO 8601): presence is "now", not history. */
  asOf: string;
  requestIds: string[];
};

export const PRESENCE_MAX_USERS = 100;
