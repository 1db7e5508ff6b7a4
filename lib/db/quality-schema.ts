import { index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

import type { ArchivedQualityParticipant } from "@/lib/quality/types";

// Call quality as fetched from TRTC's monitoring APIs (lib/quality), kept beside the record index
// so it outlives Tencent's 14 days, and pruned with the index's retention (by the call's start).
export const callQuality = pgTable(
  "call_quality",
  {
    callId: text("call_id").primaryKey(),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "string" }).notNull(),
    /** The call's verdict: `poor` when any participant is poor (the records filter reads it). */
    verdict: text("verdict", { enum: ["good", "fair", "poor", "unknown"] }).notNull(),
    participants: jsonb("participants").$type<ArchivedQualityParticipant[]>().notNull(),
    /** Set when Tencent had nothing to give (no room, expired): the background fetch skips it. */
    unavailableReason: text("unavailable_reason"),
    fetchedAt: timestamp("fetched_at", { withTimezone: true, mode: "string" }).notNull(),
  },
  (t) => [
    index("call_quality_started_idx").on(t.startedAt),
    index("call_quality_verdict_idx").on(t.verdict, t.startedAt),
  ],
);

export type CallQualityRow = typeof callQuality.$inferSelect;
