import { sql } from "drizzle-orm";
import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from "drizzle-orm/pg-core";

// The record index (issue 6): every call record Tencent returned, kept past its 7-day window and
// searchable by user and room. One row per call, with the v1 and v4 copies merged.

export const indexedCalls = pgTable(
  "indexed_calls",
  {
    callId: text("call_id").primaryKey(),
    result: text("result").notNull(),
    mediaType: text("media_type").notNull(),
    callType: text("call_type").notNull(),
    caller: text("caller").notNull(),
    /** Never includes the caller. */
    callees: text("callees").array().notNull(),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "string" }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true, mode: "string" }),
    endedAt: timestamp("ended_at", { withTimezone: true, mode: "string" }),
    // Stored (not computed at query time) so that filters and sorts on them can use an index.
    ringSeconds: integer("ring_seconds"),
    talkSeconds: integer("talk_seconds"),
    roomId: text("room_id").notNull(),
    roomIdType: integer("room_id_type"),
    chatGroupId: text("chat_group_id"),
    /** Generations that returned this call ("v4", "v1"). */
    sources: text("sources").array().notNull(),
    firstSyncedAt: timestamp("first_synced_at", { withTimezone: true, mode: "string" })
      .notNull()
      .defaultNow(),
    lastSyncedAt: timestamp("last_synced_at", { withTimezone: true, mode: "string" })
      .notNull()
      .defaultNow(),
  },
  (t) => [
    // call_id completes the order, so "newest first" pages come straight off the index.
    index("indexed_calls_started_call_idx").on(t.startedAt, t.callId),
    index("indexed_calls_result_idx").on(t.result, t.startedAt),
    index("indexed_calls_call_type_idx").on(t.callType, t.startedAt),
    index("indexed_calls_media_type_idx").on(t.mediaType, t.startedAt),
    index("indexed_calls_caller_idx").on(t.caller, t.startedAt),
    index("indexed_calls_room_idx").on(t.roomId, t.startedAt),
    index("indexed_calls_ring_idx").on(t.ringSeconds),
    index("indexed_calls_talk_idx").on(t.talkSeconds),
  ],
);

// Every participant of every call (caller and callees), so that "this user's calls" in both
// directions is one index range scan. `started_at` is copied here (always equal to the call's,
// which never changes once indexed) so the newest-first page of one user's calls comes straight
// off the key.
export const indexedCallParticipants = pgTable(
  "indexed_call_participants",
  {
    callId: text("call_id").notNull(),
    userId: text("user_id").notNull(),
    role: text("role", { enum: ["caller", "callee"] }).notNull(),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "string" }).notNull(),
  },
  (t) => [
    // (user, start, call) is exactly the order of a user's page: no sort, no reading past LIMIT.
    // As the primary key it is also what keeps a participant from being stored twice, so the
    // table has this one B-tree: a second one keyed by call cost every backfilled call three more
    // random index inserts (a sixth of PostgreSQL's write CPU) and is needed by nothing but pruning,
    // which finds a call's rows by its caller and callees instead.
    primaryKey({
      name: "indexed_call_participants_pk",
      columns: [t.userId, t.startedAt, t.callId],
    }),
  ],
);

// One row per sync job (today only "records"): the checkpoint and what the status panel shows.
export const syncState = pgTable("sync_state", {
  id: text("id").primaryKey(),
  /** Set once the first backfill of the 7-day window has completed. */
  backfilledAt: timestamp("backfilled_at", { withTimezone: true, mode: "string" }),
  /**
   * Generations the backfill has covered. A generation added later (TRTC_RECORDS_API v4 → both)
   * gets its own backfill; the incremental overlap alone would miss its older records.
   */
  backfilledGenerations: text("backfilled_generations")
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  /**
   * Start of the first completed backfill's window: every call from here on is in the index
   * (until pruning passes it). Insights use it to tell a period the index only partly holds.
   */
  indexedFrom: timestamp("indexed_from", { withTimezone: true, mode: "string" }),
  /** Backfill progress: every record starting before this instant has been indexed. */
  backfillCursor: timestamp("backfill_cursor", { withTimezone: true, mode: "string" }),
  /** Upper end of the window the backfill covers (fixed when it starts). */
  backfillUntil: timestamp("backfill_until", { withTimezone: true, mode: "string" }),
  /** Incremental checkpoint: Tencent's records up to this instant are in the index. */
  syncedThrough: timestamp("synced_through", { withTimezone: true, mode: "string" }),
  lastSuccessAt: timestamp("last_success_at", { withTimezone: true, mode: "string" }),
  lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true, mode: "string" }),
  lastError: text("last_error"),
  lastErrorAt: timestamp("last_error_at", { withTimezone: true, mode: "string" }),
  consecutiveFailures: integer("consecutive_failures").notNull().default(0),
  /** Which instance ran the last pass (host and pid), for the admin panel. */
  lastRunBy: text("last_run_by"),
  lastRun: jsonb("last_run").$type<Record<string, unknown>>(),
  lastPrunedAt: timestamp("last_pruned_at", { withTimezone: true, mode: "string" }),
  prunedTotal: bigint("pruned_total", { mode: "number" }).notNull().default(0),
  /** Admins ask for a pass with "Sync now"; any instance's loop picks the request up. */
  requestedAt: timestamp("requested_at", { withTimezone: true, mode: "string" }),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "string" })
    .notNull()
    .default(sql`now()`),
});

export type IndexedCallRow = typeof indexedCalls.$inferSelect;
export type SyncStateRow = typeof syncState.$inferSelect;
