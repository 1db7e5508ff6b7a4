import { route } from "@/lib/api/handler";
import { addStaff, choosePassword } from "@/lib/auth/staff";
import { addStaffBody, asApiError, staffActor, staffJson } from "@/lib/auth/staff-api";
import { getDb } from "@/lib/db/client";
import { listUsers } from "@/lib/db/users";

// GET /api/admin/users – staff accounts and their roles (admin only)
export const GET = route({ access: "admin" }, async () => {
  const users = await listUsers(await getDb());
  return { users: users.map(staffJson) };
});

// POST /api/admin/users – add a staff account; a password left out is generated and shown once
export const POST = route({ access: "admin", body: addStaffBody }, async ({ body, user, req }) => {
  const password = choosePassword(body.password);
  const added = await asApiError(
    addStaff(await getDb(), { ...body, password }, staffActor(user, req)),
  );
  return Response.json(
    { user: staffJson(added), password: password.generated ? password.password : null },
    { status: 201 },
  );
});
