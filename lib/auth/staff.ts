import "server-only";

import { sql } from "drizzle-orm";
import { z } from "zod";

import { generatePassword, hashPassword, MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/roles";
import { endUserSessions } from "@/lib/auth/session-revocation";
import { writeAudit } from "@/lib/db/audit";
import type { Db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import {
  createUser,
  deleteUser,
  findUserByEmail,
  setUserPassword,
  setUserRole,
  UserExistsError,
  type PublicUser,
} from "@/lib/db/users";

// Staff account management shared by `npm run users` and the Staff page: the same rules, the same
// audit entries. Every change that touches access ends the account's sessions.

export const staffEmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "must be a valid e-mail address" }).max(320));
export const staffPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(1024, "must be at most 1024 characters");
// The database refuses NUL, and a name is shown in lists and written to logs.
export const staffNameSchema = z
  .string()
  .trim()
  .max(200, "must be at most 200 characters")
  .refine((s) => !/\p{Cc}/u.test(s), "must not contain control characters");

export type StaffProblem = "not_found" | "exists" | "last_admin";

export class StaffError extends Error {
  constructor(
    readonly problem: StaffProblem,
    message: string,
  ) {
    super(message);
    this.name = "StaffError";
  }
}

/** Who made a change: `cli` from the server's shell, or the admin's e-mail (and address). */
export type StaffActor = { actor: string; address?: string | null };

/** A password chosen by the caller, or one generated here and handed back once. */
export type NewPassword = { password: string; generated: boolean };

export function choosePassword(given?: string | null): NewPassword {
  return given
    ? { password: given, generated: false }
    : { password: generatePassword(), generated: true };
}

function audit(db: Db, by: StaffActor, action: string, email: string, details = {}) {
  return writeAudit(db, { actor: by.actor, action, target: email, address: by.address, details });
}

const notFound = (email: string) => new StaffError("not_found", `no user with e-mail ${email}`);

export async function addStaff(
  db: Db,
  input: { email: string; role: Role; name?: string | null; password: NewPassword },
  by: StaffActor,
): Promise<PublicUser> {
  const user = await createUser(db, {
    email: input.email,
    role: input.role,
    name: input.name?.trim() || null,
    passwordHash: await hashPassword(input.password.password),
  }).catch((error: unknown) => {
    if (error instanceof UserExistsError) throw new StaffError("exists", error.message);
    throw error;
  });
  await audit(db, by, "user.add", user.email, { role: user.role });
  return user;
}

async function otherAdmins(db: Db, email: string): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(sql`${users.role} = 'admin' and ${users.email} <> ${email}`);
  return rows[0]?.n ?? 0;
}

/** Someone must be left who can manage staff. */
async function keepAnAdmin(db: Db, email: string, role: string): Promise<void> {
  if (role === "admin" && (await otherAdmins(db, email)) === 0)
    throw new StaffError("last_admin", `${email} is the last admin; make someone else admin first`);
}

export async function changeStaffRole(
  db: Db,
  email: string,
  role: Role,
  by: StaffActor,
): Promise<{ from: Role; to: Role; sso: boolean }> {
  const before = await findUserByEmail(db, email);
  if (!before) throw notFound(email);
  if (role !== "admin") await keepAnAdmin(db, email, before.role);
  if (!(await setUserRole(db, email, role))) throw notFound(email);
  if (before.role !== role) await endUserSessions(db, before.id);
  await audit(db, by, "user.set_role", email, { from: before.role, to: role });
  return { from: before.role, to: role, sso: before.source === "oidc" };
}

export async function resetStaffPassword(
  db: Db,
  email: string,
  password: NewPassword,
  by: StaffActor,
): Promise<void> {
  const user = await findUserByEmail(db, email);
  if (!user) throw notFound(email);
  if (!(await setUserPassword(db, email, await hashPassword(password.password))))
    throw notFound(email);
  await endUserSessions(db, user.id);
  await audit(db, by, "user.set_password", email);
}

export async function removeStaff(db: Db, email: string, by: StaffActor): Promise<void> {
  const user = await findUserByEmail(db, email);
  if (!user) throw notFound(email);
  await keepAnAdmin(db, email, user.role);
  // Sessions go with the row (on delete cascade); ending them first also clears this process's memory.
  await endUserSessions(db, user.id);
  if (!(await deleteUser(db, email))) throw notFound(email);
  await audit(db, by, "user.remove", email);
}
