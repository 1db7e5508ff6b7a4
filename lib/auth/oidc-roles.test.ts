import { describe, expect, it } from "vitest";

import { decideOidcSignIn, groupsFromClaim, type OidcRoleMapping } from "@/lib/auth/oidc-roles";

const mapping: OidcRoleMapping = {
  claim: "groups",
  admin: ["console-admins"],
  manager: ["console-managers"],
  support: ["support-team", "console-support"],
  allowedDomain: "corp.example",
};

describe("decideOidcSignIn", () => {
  it("maps groups to the highest matching role", () => {
    const decision = decideOidcSignIn(
      { email: "Dana@Corp.Example", name: "Dana", groups: ["support-team", "console-managers"] },
      mapping,
    );
    expect(decision).toEqual({
      ok: true,
      email: "dana@corp.example",
      name: "Dana",
      role: "manager",
    });
  });

  it("reads nested claims and space-separated strings", () => {
    const nested = { ...mapping, claim: "realm_access.roles" };
    expect(
      decideOidcSignIn(
        { email: "a@corp.example", realm_access: { roles: ["console-admins"] } },
        nested,
      ),
    ).toMatchObject({
      ok: true,
      role: "admin",
    });
    expect(groupsFromClaim("a, b c")).toEqual(["a", "b", "c"]);
    expect(groupsFromClaim(42)).toEqual([]);
  });

  it.each([
    [{ groups: ["console-admins"] }, "no_email"],
    [
      { email: "x@corp.example", email_verified: false, groups: ["console-admins"] },
      "email_unverified",
    ],
    [{ email: "x@other.example", groups: ["console-admins"] }, "domain"],
    [{ email: "x@sub.corp.example", groups: ["console-admins"] }, "domain"],
    [{ email: "x@corp.example", groups: ["everyone"] }, "no_role"],
    [{ email: "x@corp.example" }, "no_role"],
  ])("refuses %j (%s)", (profile, reason) => {
    expect(decideOidcSignIn(profile, mapping)).toEqual({ ok: false, reason });
  });

  it("allows any domain when none is configured", () => {
    expect(
      decideOidcSignIn(
        { email: "x@any.example", groups: ["console-support"] },
        { ...mapping, allowedDomain: undefined },
      ),
    ).toMatchObject({
      ok: true,
      role: "support",
    });
  });
});
