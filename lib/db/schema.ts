import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  doublePrecision,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

export const ROLE_VALUES = ["support", "manager", "admin"] as const;
export const USER_SOURCES = ["credentials", "oidc"] as const;

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // Stored lower-cased so look-ups and the unique index agree.
    email: text("email").notNull(),
    name: text("name"),
    role: text("role", { enum: ROLE_VALUES }).notNull(),
    // `scrypt$N$r$p$salt$hash`; null for SSO-only accounts.
    passwordHash: text("password_hash"),
    source: text("source", { enum: USER_SOURCES }).notNull().default("credentials"),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("users_email_unique").on(t.email),
    check("users_role_check", sql`${t.role} in ('support', 'manager', 'admin')`),
    check("users_source_check", sql`${t.source} in ('credentials', 'oidc')`),
  ],
);

// In the database so throttling holds across console instances. One row per bucket: a client
// trying one account (`pair`), an account from anywhere (`account`) or a client address (`address`).
export const SIGN_IN_BUCKET_KINDS = ["pair", "account", "address"] as const;
export const signInThrottle = pgTable(
  "sign_in_throttle",
  {
    bucket: text("bucket").primaryKey(),
    kind: text("kind", { enum: SIGN_IN_BUCKET_KINDS }).notNull(),
    email: text("email"),
    address: text("address"),
    attempts: integer("attempts").notNull().default(0),
    windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull().defaultNow(),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    /** Account buckets: the next attempt from an unfamiliar network waits until then. */
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
    /** Pair and address buckets: refused until then. */
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
  },
  (t) => [
    index("sign_in_throttle_locked_idx").on(t.lockedUntil),
    index("sign_in_throttle_last_attempt_idx").on(t.lastAttemptAt),
  ],
);

// Where an account signed in successfully: those networks skip the per-account slowdown.
export const signInKnownAddresses = pgTable(
  "sign_in_known_addresses",
  {
    email: text("email").notNull(),
    address: text("address").notNull(),
    lastSuccessAt: timestamp("last_success_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.email, t.address] })],
);

// One row per signed-in browser: sign-out, a role change, a password reset or removal end it here,
// for every instance, whatever the cookie still says.
export const staffSessions = pgTable(
  "staff_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    index("staff_sessions_user_idx").on(t.userId),
    index("staff_sessions_expires_idx").on(t.expiresAt),
  ],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    target: text("target"),
    address: text("address"),
    details: jsonb("details")
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
  },
  (t) => [index("audit_log_at_idx").on(t.at), index("audit_log_action_idx").on(t.action)],
);

// One row per running instance on a shared PostgreSQL: the fraction of Tencent's per-app rate
// limits it may use until `expires_at` (lib/fleet/lease.ts). `previous_fraction` still counts for
// a moment after `changed_at`, while requests sent at the old rate leave Tencent's window.
export const upstreamLeases = pgTable("upstream_leases", {
  instanceId: text("instance_id").primaryKey(),
  label: text("label").notNull(),
  joinedAt: timestamp("joined_at", { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  fraction: doublePrecision("fraction").notNull(),
  previousFraction: doublePrecision("previous_fraction").notNull().default(0),
  changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
});

export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;
export type AuditRow = typeof auditLog.$inferSelect;
export type ThrottleRow = typeof signInThrottle.$inferSelect;
export type StaffSessionRow = typeof staffSessions.$inferSelect;
