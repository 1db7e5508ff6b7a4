import { queryOptions } from "@tanstack/react-query";

import type { QualityReport } from "@/lib/quality/types";
import { ApiRequestError, fetchJson } from "@/lib/queries/fetch-json";

import { callApiPath } from "./calls";

export const qualityKeys = {
  all: ["quality"] as const,
  detail: (callId: string) => ["quality", "detail", callId] as const,
};

/** Fetched apart from the call itself, so Tencent's monitoring never slows the call page. */
export const callQualityOptions = (callId: string) =>
  queryOptions({
    queryKey: qualityKeys.detail(callId),
    queryFn: ({ signal }) => fetchJson<QualityReport>(`${callApiPath(callId)}/quality`, { signal }),
    // Quality of an ended call does not change; minutes of staleness cost nothing.
    staleTime: 5 * 60_000,
    retry: (count, error) => error instanceof ApiRequestError && error.status === 429 && count < 2,
  });
