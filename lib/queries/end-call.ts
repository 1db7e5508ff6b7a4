import { useMutation, useQueryClient } from "@tanstack/react-query";

import type { EndCallResponse } from "@/lib/call-detail/types";
import { callApiPath, callKeys } from "@/lib/queries/calls";
import { fetchJson } from "@/lib/queries/fetch-json";

// Apart from lib/queries/calls so the mutation code loads with the admin's button only.
export function useEndCall(callId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      fetchJson<EndCallResponse>(`${callApiPath(callId)}/end`, { method: "POST", body: "{}" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: callKeys.detail(callId) }),
  });
}
