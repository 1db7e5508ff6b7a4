import { queryOptions } from "@tanstack/react-query";

import { fetchJson } from "@/lib/queries/fetch-json";
import type { UserSearchResponse } from "@/lib/search/user-search-types";

export const searchKeys = {
  users: (q: string) => ["search", "users", q] as const,
};

export const userSearchOptions = (q: string) =>
  queryOptions({
    queryKey: searchKeys.users(q),
    queryFn: ({ signal }) =>
      fetchJson<UserSearchResponse>(`/api/search/users?q=${encodeURIComponent(q)}`, { signal }),
    staleTime: 30_000,
    retry: false,
  });
