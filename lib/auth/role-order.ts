// Client components import this, so no zod or database schema here (lib/auth/roles.ts adds them).

export const ROLES = ["support", "manager", "admin"] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { support: 0, manager: 1, admin: 2 };

export function hasRole(role: string | undefined | null, required: Role): boolean {
  if (!role || !Object.hasOwn(RANK, role)) return false;
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
