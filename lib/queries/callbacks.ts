import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";

import type { Generation } from "@/lib/calls/types";
import type { CallbackChange, CallbackSetup } from "@/lib/events/callback-config";
import { fetchJson } from "@/lib/queries/fetch-json";

export const callbackKeys = {
  all: ["callbacks"] as const,
  setup: ["callbacks", "setup"] as const,
};

export const callbackSetupOptions = () =>
  queryOptions({
    queryKey: callbackKeys.setup,
    queryFn: ({ signal }) => fetchJson<CallbackSetup>("/api/admin/callbacks", { signal }),
    // The event counts move on their own; Tencent's configuration rarely does.
    refetchInterval: 30_000,
    refetchIntervalInBackground: false,
    retry: false,
  });

type ChangeAnswer = { receiverUrl: string; results: CallbackChange[] };

/** "Point Tencent here" (PUT) or "Remove" (DELETE) for the given generations. */
export function useCallbackChange(kind: "point" | "remove") {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (generations: Generation[]) =>
      fetchJson<ChangeAnswer>("/api/admin/callbacks", {
        method: kind === "point" ? "PUT" : "DELETE",
        body: JSON.stringify({ generations }),
      }),
    // A half-applied change also moved Tencent's state, so read it again either way.
    onSettled: () => queryClient.invalidateQueries({ queryKey: callbackKeys.setup }),
  });
}
