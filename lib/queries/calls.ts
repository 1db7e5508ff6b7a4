import { queryOptions } from "@tanstack/react-query";

import type { CallDetail, CallDetailResult, CallNotFoundDetails } from "@/lib/call-detail/types";
import { ApiRequestError, fetchJson } from "@/lib/queries/fetch-json";

export const LIVE_POLL_MS = 3_000;

export const callKeys = {
  all: ["calls"] as const,
  detail: (callId: string) => ["calls", "detail", callId] as const,
};

export function callApiPath(callId: string): string {
  return `/api/calls/${encodeURIComponent(callId)}`;
}

export async function fetchCallDetail(
  callId: string,
  signal?: AbortSignal,
): Promise<CallDetailResult> {
  try {
    return { kind: "found", detail: await fetchJson<CallDetail>(callApiPath(callId), { signal }) };
  } catch (error) {
    if (
      error instanceof ApiRequestError &&
      error.status === 404 &&
      error.code === "not_found" &&
      error.details
    ) {
      return { kind: "not_found", details: error.details as unknown as CallNotFoundDetails };
    }
    throw error;
  }
}

export function isLive(result: CallDetailResult | undefined): boolean {
  return result?.kind === "found" && result.detail.call.live;
}

/** `follow`: the call was just seen live and its record has not appeared yet; keep polling. */
export const callDetailOptions = (callId: string, follow = false) =>
  queryOptions({
    queryKey: callKeys.detail(callId),
    queryFn: ({ signal }) => fetchCallDetail(callId, signal),
    staleTime: 10_000,
    refetchInterval: (query) => (follow || isLive(query.state.data) ? LIVE_POLL_MS : false),
    refetchIntervalInBackground: false,
    // The upstream client already retries Tencent; here only a rate limit is worth waiting for.
    retry: (count, error) => error instanceof ApiRequestError && error.status === 429 && count < 2,
  });
