import "server-only";

import type { CallRecord } from "@/lib/calls/types";
import type { Executor } from "@/lib/db/executor";

import { findIndexedCall } from "./query";

// The call detail page's fallback (lib/call-detail CallSources.archive): the index's snapshot of a
// call Tencent no longer has. `archivedAt` is when the sync last wrote it; `raw` tells engineers
// where the snapshot came from.

export type ArchiveHit = {
  record: CallRecord;
  archivedAt: string;
  raw: { firstSyncedAt: string; lastSyncedAt: string; sources: string[] };
};

export function createArchiveLookup(getDb: () => Promise<Executor>) {
  return async (callId: string): Promise<ArchiveHit | null> => {
    const found = await findIndexedCall(await getDb(), callId);
    if (!found) return null;
    // Only the domain fields: the detail view is built from a plain CallRecord.
    const { ringSeconds: _ring, talkSeconds: _talk, lastSyncedAt: _last, ...record } = found.record;
    return {
      record,
      archivedAt: found.lastSyncedAt,
      raw: {
        firstSyncedAt: found.firstSyncedAt,
        lastSyncedAt: found.lastSyncedAt,
        sources: found.sources,
      },
    };
  };
}
