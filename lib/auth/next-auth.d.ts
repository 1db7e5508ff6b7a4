/* eslint-disable @typescript-eslint/consistent-type-definitions -- module augmentation must use interfaces */
import type { Role } from "@/lib/auth/roles";

declare module "next-auth" {
  interface Session {
    user?: { id: string; email: string; name: string | null; role: Role };
  }
  interface User {
    role?: Role;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    role?: Role;
    /** The staff_sessions row this cookie belongs to. */
    sid?: string;
    /** Absolute end of the session, in seconds since the epoch. */
    endsAt?: number;
  }
}
