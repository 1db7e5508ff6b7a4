import type { SyncStatus } from "@/lib/sync/status";
import type { UserSigStatus } from "@/lib/trtc/credentials";

// Type-only imports keep this usable from client components.

export type Health = {
  status: "ok" | "degraded" | "unavailable";
  upstream: {
    mode: "embedded" | "tencent";
    /** null when the probe could not run. */
    reachable: boolean | null;
    usersig: UserSigStatus | null;
  };
  sync: Pick<SyncStatus, "state" | "lastSuccessAt" | "lagSeconds" | "records"> | null;
};
