import "server-only";

import { getCallLookup } from "@/lib/call-detail/service";
import { getDb } from "@/lib/db/client";
import type { QualityClient } from "@/lib/trtc-cloud/types";

import type { QualityDeps } from "./service";

// Until the monitoring client lands (lib/trtc-cloud), no credentials are known to the console.
function qualityClient(): QualityClient | null {
  return null;
}

export function defaultQualityDeps(): QualityDeps {
  return { db: getDb, client: qualityClient, lookupCall: getCallLookup, now: Date.now };
}
