import { route } from "@/lib/api/handler";
import { choosePassword, resetStaffPassword } from "@/lib/auth/staff";
import {
  asApiError,
  resetPasswordBody,
  staffActor,
  staffParams,
  staffTarget,
} from "@/lib/auth/staff-api";
import { getDb } from "@/lib/db/client";

// POST /api/admin/users/:userId/password – set a new password (generated and shown once when left
// out); the account's sessions end
export const POST = route(
  { access: "admin", params: staffParams, body: resetPasswordBody },
  async ({ params, body, user, req }) => {
    const db = await getDb();
    const target = await staffTarget(db, params.userId);
    const password = choosePassword(body.password);
    await asApiError(resetStaffPassword(db, target.email, password, staffActor(user, req)));
    return { email: target.email, password: password.generated ? password.password : null };
  },
);
