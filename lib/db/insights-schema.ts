import { sql } from "drizzle-orm";
import { index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

// Rollups of the record index for GET /api/insights (issue 8). They are kept equal to
// indexed_calls by statement triggers on that table (migration 0005): every write to the index,
// from the sync, pruning or anything else, updates them in its own transaction, so a crash can
// never leave them out of step. Rows whose count drops to 0 are removed by the same triggers.

/** Calls per 15-minute UTC slot × result × type × media: every zone's hours and days are whole slots. */
export const insightSlots = pgTable(
  "insight_slots",
  {
    slot: timestamp("slot", { withTimezone: true, mode: "string" }).notNull(),
    result: text("result").notNull(),
    callType: text("call_type").notNull(),
    mediaType: text("media_type").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [
    primaryKey({
      name: "insight_slots_pk",
      columns: [t.slot, t.result, t.callType, t.mediaType],
    }),
    // Finds the rows a delete brought to 0 without scanning the table.
    index("insight_slots_empty_idx")
      .on(t.slot)
      .where(sql`n = 0`),
  ],
);

/**
 * Frequency of each whole ring / talk second per UTC day ("d") and per UTC hour ("h") × result ×
 * type × media. Percentiles over a range read whole days, then whole hours at its edges.
 */
export const insightDurations = pgTable(
  "insight_durations",
  {
    grain: text("grain", { enum: ["d", "h"] }).notNull(),
    period: timestamp("period", { withTimezone: true, mode: "string" }).notNull(),
    metric: text("metric", { enum: ["ring", "talk"] }).notNull(),
    result: text("result").notNull(),
    callType: text("call_type").notNull(),
    mediaType: text("media_type").notNull(),
    v: integer("v").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [
    // Metric first: a read takes one metric at a time (ring and talk are separate frequency
    // tables), so its index ranges never walk past the other metric's far more numerous rows.
    primaryKey({
      name: "insight_durations_pk",
      columns: [t.metric, t.grain, t.period, t.result, t.callType, t.mediaType, t.v],
    }),
    index("insight_durations_empty_idx")
      .on(t.grain)
      .where(sql`n = 0`),
  ],
);

/** Failed calls (any result but NormalEnd) each user took part in, per UTC day and hour. */
export const insightFailedUsers = pgTable(
  "insight_failed_users",
  {
    grain: text("grain", { enum: ["d", "h"] }).notNull(),
    period: timestamp("period", { withTimezone: true, mode: "string" }).notNull(),
    userId: text("user_id").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [
    primaryKey({ name: "insight_failed_users_pk", columns: [t.grain, t.period, t.userId] }),
    index("insight_failed_users_empty_idx")
      .on(t.grain)
      .where(sql`n = 0`),
  ],
);
