import { route } from "@/lib/api/handler";

// GET /api/me – the signed-in user and role, as the server sees them
export const GET = route({ access: "support" }, ({ user }) => ({ user }));
