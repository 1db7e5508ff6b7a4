import { sql } from "drizzle-orm";
import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from "drizzle-orm/pg-core";

// What Tencent's callbacks told us, one row per event and person (lib/events).

export const callEvents = pgTable(
  "call_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** A retried delivery carries the same key, so it is stored once. */
    dedupKey: text("dedup_key").notNull().unique("call_events_dedup_key_unique"),
    callId: text("call_id").notNull(),
    generation: text("generation", { enum: ["v1", "v4"] }).notNull(),
    kind: text("kind").notNull(),
    userId: text("user_id"),
    action: text("action").notNull(),
    rawAction: text("raw_action").notNull(),
    eventAt: timestamp("event_at", { withTimezone: true, mode: "string" }).notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true, mode: "string" })
      .notNull()
      .defaultNow(),
    body: jsonb("body").notNull(),
  },
  (t) => [
    index("call_events_call_idx").on(t.callId, t.eventAt),
    index("call_events_user_idx").on(t.userId, t.eventAt),
    index("call_events_event_at_idx").on(t.eventAt),
    index("call_events_received_idx").on(t.generation, t.receivedAt),
  ],
);

/** One row per call seen in callbacks; open (live) until an end event or a check closes it. */
export const eventCalls = pgTable(
  "event_calls",
  {
    callId: text("call_id").primaryKey(),
    firstEventAt: timestamp("first_event_at", { withTimezone: true, mode: "string" }).notNull(),
    lastEventAt: timestamp("last_event_at", { withTimezone: true, mode: "string" }).notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true, mode: "string" }),
    /** "callback" when Tencent said it ended; otherwise what closed it out. */
    endReason: text("end_reason"),
    checkedAt: timestamp("checked_at", { withTimezone: true, mode: "string" }),
  },
  (t) => [
    index("event_calls_open_idx")
      .on(t.firstEventAt)
      .where(sql`ended_at is null`),
    index("event_calls_last_event_idx").on(t.lastEventAt),
  ],
);

/** Refused deliveries, counted per hour so a flood cannot grow the table. */
export const callbackRejections = pgTable(
  "callback_rejections",
  {
    hour: timestamp("hour", { withTimezone: true, mode: "string" }).notNull(),
    generation: text("generation").notNull(),
    reason: text("reason").notNull(),
    count: integer("count").notNull().default(0),
    lastAt: timestamp("last_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "callback_rejections_pk", columns: [t.hour, t.generation, t.reason] }),
  ],
);

/** Values generated once per installation and shared by every instance (the callback token). */
export const appSettings = pgTable("app_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
});

export type CallEventRow = typeof callEvents.$inferSelect;
