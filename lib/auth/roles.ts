import { z } from "zod";

import type { ROLE_VALUES } from "@/lib/db/schema";

import { ROLES } from "./role-order";

export { hasRole, isRole, ROLE_LABELS, ROLES, type Role } from "./role-order";

// The database column and the ordered list must name the same roles in the same order.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameRoles: Same<typeof ROLE_VALUES, typeof ROLES> = true;
void sameRoles;

export const roleSchema = z.enum(ROLES, { error: `must be one of ${ROLES.join(", ")}` });
