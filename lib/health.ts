import type { SyncStatus } from "@/lib/sync/status";
import type { UserSigStatus } from "@/lib/trtc/credentials";

// The wire shape of GET /api/health, shared by the route and the browser. Type-only imports keep
// this module usable from client components.

export type Health = {
  status: "ok" | "degraded" | "unavailable";
  upstream: {
    mode: "embedded" | "tencent";
    /** null when the probe could not run. */
    reachable: boolean | null;
    usersig: UserSigStatus | null;
  };
  /** The record index's state (no error texts here); null when it cannot be read. */
  sync: Pick<SyncStatus, "state" | "lastSuccessAt" | "lagSeconds" | "records"> | null;
};
