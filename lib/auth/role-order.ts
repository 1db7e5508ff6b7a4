// Role names, their order and labels: everything the browser needs about roles. Kept free of zod
// and the database schema on purpose, because client components (the main navigation) import it
// and whatever it imports ships in every page's first-load JavaScript. Server code that validates
// roles imports lib/auth/roles.ts, which adds the zod schema and checks that the database's list of
// roles is this one.

// Roles are ordered: each one can do everything the ones before it can.
export const ROLES = ["support", "manager", "admin"] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { support: 0, manager: 1, admin: 2 };

/** True when `role` is at least `required`. Unknown roles (e.g. from an old token) get nothing. */
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
