import { sql } from "drizzle-orm";
import { index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

// Kept equal to indexed_calls by statement triggers (migration 0005) in the writer's transaction.

/** 15-minute UTC slots, so every zone's hours and days are whole slots. */
export const insightSlots = pgTable(
  "insight_slots",
  {
    slot: timestamp("slot", { withTimezone: true, mode: "string" }).notNull(),
    result: text("result").notNull(),
    callType: text("call_type").notNull(),
    mediaType: text("media_type").notNull(),
    n: integer("n").notNull(),
    /** Of the n calls, those answered (with an accept time); migration 0011. */
    answered: integer("answered").notNull().default(0),
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

/** Frequency of each whole ring / talk second per UTC day ("d") and hour ("h") × dimensions. */
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
    // Metric first, so a read of one metric never walks past the other's rows.
    primaryKey({
      name: "insight_durations_pk",
      columns: [t.metric, t.grain, t.period, t.result, t.callType, t.mediaType, t.v],
    }),
    index("insight_durations_empty_idx")
      .on(t.grain)
      .where(sql`n = 0`),
  ],
);

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
