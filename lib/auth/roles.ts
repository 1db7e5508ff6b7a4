import { z } from "zod";

import { ROLE_VALUES } from "@/lib/db/schema";

// Roles are ordered: each one can do everything the ones before it can.
export const ROLES = ROLE_VALUES;
export type Role = (typeof ROLES)[number];

export const roleSchema = z.enum(ROLES, { error: `must be one of ${ROLES.join(", ")}` });

const RANK: Record<Role, number> = { support: 0, manager: 1, admin: 2 };

/** True when `role` is at least `required`. Unknown roles (e.g. from an old token) get nothing. */
export function hasRole(role: string | undefined | null, required: Role): boolean {
  if (!role || !(role in RANK)) return false;
  return RANK[role as Role] >= RANK[required];
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export const ROLE_LABELS: Record<Role, string> = {
  support: "Support",
  manager: "Manager",
  admin: "Admin",
};
