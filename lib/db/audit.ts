import "server-only";

import { desc } from "drizzle-orm";

import type { Db } from "@/lib/db/client";
import { auditLog, type AuditRow } from "@/lib/db/schema";
import { log } from "@/lib/log";

export type AuditEntry = {
  /** An e-mail, `cli`, or `system`. */
  actor: string;
  action: string;
  target?: string | null;
  address?: string | null;
  details?: Record<string, unknown>;
};

/** Never pass secrets in `details`. A failed write is logged, not thrown. */
export async function writeAudit(db: Db, entry: AuditEntry): Promise<void> {
  try {
    await db.insert(auditLog).values({
      actor: entry.actor,
      action: entry.action,
      target: entry.target ?? null,
      address: entry.address ?? null,
      details: entry.details ?? {},
    });
  } catch (error) {
    log.error({ err: error, action: entry.action }, "audit write failed");
  }
}

export async function listAudit(db: Db, limit = 100): Promise<AuditRow[]> {
  return db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(limit);
}
