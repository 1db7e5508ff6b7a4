import { route } from "@/lib/api/handler";
import { changeStaffRole, removeStaff } from "@/lib/auth/staff";
import {
  asApiError,
  changeRoleBody,
  refuseSelf,
  staffActor,
  staffParams,
  staffTarget,
} from "@/lib/auth/staff-api";
import { getDb } from "@/lib/db/client";

// PATCH /api/admin/users/:userId – change a staff account's role; its sessions end
export const PATCH = route(
  { access: "admin", params: staffParams, body: changeRoleBody },
  async ({ params, body, user, req }) => {
    const db = await getDb();
    const target = await staffTarget(db, params.userId);
    refuseSelf(target, user, "change the role of");
    return asApiError(changeStaffRole(db, target.email, body.role, staffActor(user, req)));
  },
);

// DELETE /api/admin/users/:userId – remove a staff account; its sessions end
export const DELETE = route(
  { access: "admin", params: staffParams },
  async ({ params, user, req }) => {
    const db = await getDb();
    const target = await staffTarget(db, params.userId);
    refuseSelf(target, user, "remove");
    await asApiError(removeStaff(db, target.email, staffActor(user, req)));
    return { removed: target.email };
  },
);
