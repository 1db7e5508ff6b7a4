import "server-only";

import { getCallLookup } from "@/lib/call-detail/service";
import { getDb } from "@/lib/db/client";
import { resolveQualityClient } from "@/lib/trtc-cloud/client";
import type { QualityClient } from "@/lib/trtc-cloud/types";

import type { QualityDeps } from "./service";

/** The monitoring client, or null when TENCENTCLOUD_* is not set (the section says what to set). */
function qualityClient(): QualityClient | null {
  const resolved = resolveQualityClient();
  return resolved.ok ? resolved.client : null;
}

export function defaultQualityDeps(): QualityDeps {
  return { db: getDb, client: qualityClient, lookupCall: getCallLookup, now: Date.now };
}
