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
    // Stored so that filters and sorts on them can use an index.
    ringSeconds: integer("ring_seconds"),
    talkSeconds: integer("talk_seconds"),
    roomId: text("room_id").notNull(),
    roomIdType: integer("room_id_type"),
    chatGroupId: text("chat_group_id"),
    sources: text("sources").array().notNull(),
    firstSyncedAt: timestamp("first_synced_at", { withTimezone: true, mode: "string" })
      .notNull()
      .defaultNow(),
    lastSyncedAt: timestamp("last_synced_at", { withTimezone: true, mode: "string" })
      .notNull()
      .defaultNow(),
    /** The transaction that first indexed the call: a keyset walk keeps to those its snapshot saw. */
    firstXid: bigint("first_xid", { mode: "number" })
      .notNull()
      .default(sql`(pg_current_xact_id()::text::bigint)`),
  },
  (t) => [
    index("indexed_calls_started_call_idx").on(t.startedAt, t.callId),
    index("indexed_calls_result_idx").on(t.result, t.startedAt),
    index("indexed_calls_call_type_idx").on(t.callType, t.startedAt),
    index("indexed_calls_media_type_idx").on(t.mediaType, t.startedAt),
    index("indexed_calls_caller_idx").on(t.caller, t.startedAt),
    index("indexed_calls_room_idx").on(t.roomId, t.startedAt),
    // Keyset pages by ring or talk time continue from (value, call ID) straight off these.
    index("indexed_calls_ring_call_idx").on(t.ringSeconds, t.callId),
    index("indexed_calls_talk_call_idx").on(t.talkSeconds, t.callId),
    // A keyset walk's total leaves out calls indexed after it began; they are few, and found here.
    index("indexed_calls_first_xid_idx").on(t.firstXid),
  ],
);

// A user's newest-first page comes straight off the key (a call's start time never changes).
export const indexedCallParticipants = pgTable(
  "indexed_call_participants",
  {
    callId: text("call_id").notNull(),
    userId: text("user_id").notNull(),
    role: text("role", { enum: ["caller", "callee"] }).notNull(),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "string" }).notNull(),
  },
  (t) => [
    // The only B-tree, in a user's page order; pruning finds a call's rows by its participants.
    primaryKey({
      name: "indexed_call_participants_pk",
      columns: [t.userId, t.startedAt, t.callId],
    }),
  ],
);

// One row per user in the index, kept by triggers on the participants (migration 0010), so the
// search box never counts a user's calls per keystroke. The expression index serves prefix LIKE.
export const indexedUsers = pgTable(
  "indexed_users",
  {
    userId: text("user_id").primaryKey(),
    calls: integer("calls").notNull(),
    lastCallAt: timestamp("last_call_at", { withTimezone: true, mode: "string" }).notNull(),
  },
  (t) => [index("indexed_users_prefix_idx").on(sql`lower(${t.userId}) text_pattern_ops`)],
);

// Every piece of a user ID from its second character on, lower-cased, kept by triggers on
// indexed_users (migration 0013): "bob" inside "jimbob" is a B-tree range over "bob…", which stays
// narrow where trigrams do not (digits, and IDs cut short by "_" or ".").
export const indexedUserPieces = pgTable(
  "indexed_user_pieces",
  {
    piece: text("piece").notNull(),
    userId: text("user_id").notNull(),
  },
  (t) => [primaryKey({ name: "indexed_user_pieces_pk", columns: [t.piece, t.userId] })],
);

export const syncState = pgTable("sync_state", {
  id: text("id").primaryKey(),
  backfilledAt: timestamp("backfilled_at", { withTimezone: true, mode: "string" }),
  /** A generation added later gets its own backfill: the incremental overlap misses older records. */
  backfilledGenerations: text("backfilled_generations")
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  /** Every call from here on is indexed (until pruned); insights use it to spot partial periods. */
  indexedFrom: timestamp("indexed_from", { withTimezone: true, mode: "string" }),
  backfillCursor: timestamp("backfill_cursor", { withTimezone: true, mode: "string" }),
  backfillUntil: timestamp("backfill_until", { withTimezone: true, mode: "string" }),
  syncedThrough: timestamp("synced_through", { withTimezone: true, mode: "string" }),
  lastSuccessAt: timestamp("last_success_at", { withTimezone: true, mode: "string" }),
  lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true, mode: "string" }),
  lastError: text("last_error"),
  lastErrorAt: timestamp("last_error_at", { withTimezone: true, mode: "string" }),
  consecutiveFailures: integer("consecutive_failures").notNull().default(0),
  lastRunBy: text("last_run_by"),
  lastRun: jsonb("last_run").$type<Record<string, unknown>>(),
  /** Slices still short of Tencent's count after their re-reads; every pass reads them again. */
  incompleteSlices: jsonb("incomplete_slices")
    .$type<unknown[]>()
    .notNull()
    .default(sql`'[]'::jsonb`),
  lastPrunedAt: timestamp("last_pruned_at", { withTimezone: true, mode: "string" }),
  prunedTotal: bigint("pruned_total", { mode: "number" }).notNull().default(0),
  requestedAt: timestamp("requested_at", { withTimezone: true, mode: "string" }),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "string" })
    .notNull()
    .default(sql`now()`),
});

export type IndexedCallRow = typeof indexedCalls.$inferSelect;
export type SyncStateRow = typeof syncState.$inferSelect;
