import "server-only";

import type { CallRecord } from "@/lib/calls/types";
import type { Executor } from "@/lib/db/executor";

import { findIndexedCall } from "./query";

export type ArchiveHit = {
  record: CallRecord;
  archivedAt: string;
  raw: { firstSyncedAt: string; lastSyncedAt: string; sources: string[] };
};

export function createArchiveLookup(getDb: () => Promise<Executor>) {
  return async (callId: string): Promise<ArchiveHit | null> => {
    const found = await findIndexedCall(await getDb(), callId);
    if (!found) return null;
    const {
      ringSeconds: _ring,
      talkSeconds: _talk,
      lastSyncedAt: _last,
      quality: _quality,
      ...record
    } = found.record;
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
