/** GET /api/search/users: user IDs in the index matching what was typed, prefix matches first. */
export type UserMatch = { userId: string; calls: number; lastCallAt: string };

export type UserSearchResponse = { items: UserMatch[] };

export const USER_SEARCH_LIMIT = 10;
export const USER_SEARCH_MAX_LENGTH = 64;
