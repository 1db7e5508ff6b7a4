import "server-only";

import { asc, eq, sql } from "drizzle-orm";

import type { Db } from "@/lib/db/client";
import { users, type UserRow } from "@/lib/db/schema";

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

type Role = UserRow["role"];

export type PublicUser = Omit<UserRow, "passwordHash"> & { hasPassword: boolean };

function toPublic({ passwordHash, ...rest }: UserRow): PublicUser {
  return { ...rest, hasPassword: passwordHash !== null };
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const rows = await db
    .select()
    .from(users)
    .where(eq(users.email, normalizeEmail(email)))
    .limit(1);
  return rows[0];
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  // A malformed id would make the uuid cast raise; treat it as "no such user".
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const rows = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return rows[0];
}

export async function listUsers(db: Db): Promise<PublicUser[]> {
  const rows = await db.select().from(users).orderBy(asc(users.email));
  return rows.map(toPublic);
}

export class UserExistsError extends Error {
  constructor(email: string) {
    super(`a user with e-mail ${email} already exists`);
    this.name = "UserExistsError";
  }
}

export async function createUser(
  db: Db,
  input: {
    email: string;
    role: Role;
    name?: string | null;
    passwordHash?: string | null;
    source?: "credentials" | "oidc";
    isDemo?: boolean;
  },
): Promise<PublicUser> {
  const email = normalizeEmail(input.email);
  const rows = await db
    .insert(users)
    .values({
      email,
      role: input.role,
      name: input.name ?? null,
      passwordHash: input.passwordHash ?? null,
      source: input.source ?? "credentials",
      isDemo: input.isDemo ?? false,
    })
    .onConflictDoNothing({ target: users.email })
    .returning();
  if (!rows[0]) throw new UserExistsError(email);
  return toPublic(rows[0]);
}

export async function deleteUser(db: Db, email: string): Promise<boolean> {
  const rows = await db
    .delete(users)
    .where(eq(users.email, normalizeEmail(email)))
    .returning({ id: users.id });
  return rows.length > 0;
}

export async function setUserRole(db: Db, email: string, role: Role): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ role, updatedAt: sql`now()` })
    .where(eq(users.email, normalizeEmail(email)))
    .returning({ id: users.id });
  return rows.length > 0;
}

export async function setUserPassword(
  db: Db,
  email: string,
  passwordHash: string,
): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ passwordHash, updatedAt: sql`now()` })
    .where(eq(users.email, normalizeEmail(email)))
    .returning({ id: users.id });
  return rows.length > 0;
}

export async function markSignedIn(db: Db, id: string): Promise<void> {
  await db
    .update(users)
    .set({ lastSignInAt: sql`now()` })
    .where(eq(users.id, id));
}

/** The role follows the IdP's groups; a local account with the same e-mail keeps its password. */
export async function upsertOidcUser(
  db: Db,
  input: { email: string; name: string | null; role: Role },
): Promise<UserRow> {
  const email = normalizeEmail(input.email);
  const rows = await db
    .insert(users)
    .values({ email, name: input.name, role: input.role, source: "oidc", lastSignInAt: sql`now()` })
    .onConflictDoUpdate({
      target: users.email,
      set: {
        role: input.role,
        name: sql`coalesce(${input.name}, ${users.name})`,
        updatedAt: sql`now()`,
        lastSignInAt: sql`now()`,
      },
    })
    .returning();
  return rows[0]!;
}
