import "server-only";

import type { NextRequest } from "next/server";
import { z } from "zod";

import { ApiError } from "@/lib/api/errors";
import { clientAddress, proxyTrustOf } from "@/lib/auth/client-address";
import { roleSchema } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/session-cookie";
import {
  StaffError,
  staffEmailSchema,
  staffNameSchema,
  staffPasswordSchema,
  type StaffActor,
} from "@/lib/auth/staff";
import type { Db } from "@/lib/db/client";
import type { UserRow } from "@/lib/db/schema";
import { findUserById, type PublicUser } from "@/lib/db/users";
import { getEnv } from "@/lib/env";

// What the Staff page's API routes share: body schemas, the acting admin, errors as the envelope.

const optionalPassword = z.preprocess(
  (v) => (v === "" || v === null ? undefined : v),
  staffPasswordSchema.optional(),
);

export const addStaffBody = z.object({
  email: staffEmailSchema,
  name: staffNameSchema.optional(),
  role: roleSchema,
  password: optionalPassword,
});
export const changeRoleBody = z.object({ role: roleSchema });
export const resetPasswordBody = z.object({ password: optionalPassword });
export const staffParams = z.object({ userId: z.uuid({ error: "must be an account id" }) });

export function staffActor(user: SessionUser, req: NextRequest): StaffActor {
  return { actor: user.email, address: clientAddress(req.headers, proxyTrustOf(getEnv())) };
}

export async function staffTarget(db: Db, userId: string): Promise<UserRow> {
  const row = await findUserById(db, userId);
  if (!row) throw new ApiError({ code: "not_found", message: "No such staff account." });
  return row;
}

/** Your own role and account are changed by another admin, so nobody locks themselves out. */
export function refuseSelf(target: UserRow, me: SessionUser, what: string): void {
  if (target.id === me.id)
    throw new ApiError({
      code: "conflict",
      message: `You cannot ${what} your own account; ask another admin.`,
    });
}

export async function asApiError<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (!(error instanceof StaffError)) throw error;
    if (error.problem === "not_found")
      throw new ApiError({ code: "not_found", message: "No such staff account." });
    if (error.problem === "exists")
      throw new ApiError({
        code: "conflict",
        message: "email: an account with this e-mail already exists",
        details: {
          issues: [{ field: "email", message: "an account with this e-mail already exists" }],
        },
      });
    throw new ApiError({ code: "conflict", message: `${error.message}.` });
  }
}

export function staffJson(u: PublicUser) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    source: u.source,
    demo: u.isDemo,
    hasPassword: u.hasPassword,
    createdAt: new Date(u.createdAt).toISOString(),
    lastSignInAt: u.lastSignInAt ? new Date(u.lastSignInAt).toISOString() : null,
  };
}
