import { route } from "@/lib/api/handler";
import { getDb } from "@/lib/db/client";
import { listUsers } from "@/lib/db/users";

// GET /api/admin/users – staff accounts and their roles (admin only)
export const GET = route({ access: "admin" }, async () => {
  const users = await listUsers(await getDb());
  return {
    users: users.map((u) => ({
      id: u.id,
      email: u.email,
      name: u.name,
      role: u.role,
      source: u.source,
      demo: u.isDemo,
      hasPassword: u.hasPassword,
      createdAt: new Date(u.createdAt).toISOString(),
      lastSignInAt: u.lastSignInAt ? new Date(u.lastSignInAt).toISOString() : null,
    })),
  };
});
