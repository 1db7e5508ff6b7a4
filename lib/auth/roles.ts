import { z } from "zod";

import type { ROLE_VALUES } from "@/lib/db/schema";

import { ROLES } from "./role-order";

// The server side of roles: the browser-safe basics from ./role-order plus validation. Client
// components import ./role-order directly so that zod and the database schema stay out of the
// browser.
export { hasRole, isRole, ROLE_LABELS, ROLES, type Role } from "./role-order";

// The database column and the ordered list must name the same roles in the same order.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameRoles: Same<typeof ROLE_VALUES, typeof ROLES> = true;
void sameRoles;

export const roleSchema = z.enum(ROLES, { error: `must be one of ${ROLES.join(", ")}` });
