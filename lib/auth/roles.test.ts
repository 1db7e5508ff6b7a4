import { describe, expect, it } from "vitest";

import { hasRole, isRole, ROLES, roleSchema } from "@/lib/auth/roles";
import { ROLE_VALUES } from "@/lib/db/schema";

describe("roles", () => {
  it.each([
    ["support", "support", true],
    ["support", "manager", false],
    ["support", "admin", false],
    ["manager", "support", true],
    ["manager", "manager", true],
    ["manager", "admin", false],
    ["admin", "support", true],
    ["admin", "manager", true],
    ["admin", "admin", true],
  ] as const)("%s meets %s: %s", (role, required, expected) => {
    expect(hasRole(role, required)).toBe(expected);
  });

  it("gives nothing to missing or unknown roles", () => {
    expect(hasRole(undefined, "support")).toBe(false);
    expect(hasRole(null, "support")).toBe(false);
    expect(hasRole("root", "support")).toBe(false);
    expect(hasRole("constructor", "support")).toBe(false);
    expect(isRole("toString")).toBe(false);
  });

  it("orders exactly the roles the database knows", () => {
    expect(ROLES).toEqual(ROLE_VALUES);
  });

  it("explains a bad role", () => {
    const result = roleSchema.safeParse("boss");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("must be one of support, manager, admin");
  });
});
