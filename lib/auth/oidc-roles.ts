import type { Role } from "@/lib/auth/roles";

export type OidcRoleMapping = {
  claim: string;
  admin: string[];
  manager: string[];
  support: string[];
  /** Exactly this domain: subdomains are refused. */
  allowedDomain?: string;
};

export type OidcDecision =
  | { ok: true; email: string; name: string | null; role: Role }
  | { ok: false; reason: "no_email" | "email_unverified" | "domain" | "no_role" };

function readClaim(profile: Record<string, unknown>, claimPath: string): unknown {
  if (claimPath in profile) return profile[claimPath];
  return claimPath.split(".").reduce<unknown>((value, key) => {
    if (value && typeof value === "object" && key in value)
      return (value as Record<string, unknown>)[key];
    return undefined;
  }, profile);
}

export function groupsFromClaim(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  if (typeof value === "string") return value.split(/[\s,]+/).filter(Boolean);
  return [];
}

export function decideOidcSignIn(
  profile: Record<string, unknown>,
  mapping: OidcRoleMapping,
): OidcDecision {
  const email = typeof profile.email === "string" ? profile.email.trim().toLowerCase() : "";
  if (!email || !email.includes("@")) return { ok: false, reason: "no_email" };
  if (profile.email_verified === false || profile.email_verified === "false") {
    return { ok: false, reason: "email_unverified" };
  }
  if (mapping.allowedDomain) {
    const domain = mapping.allowedDomain.trim().toLowerCase().replace(/^@/, "");
    if (email.slice(email.lastIndexOf("@") + 1) !== domain) return { ok: false, reason: "domain" };
  }
  const groups = new Set(groupsFromClaim(readClaim(profile, mapping.claim)));
  const role: Role | undefined = mapping.admin.some((g) => groups.has(g))
    ? "admin"
    : mapping.manager.some((g) => groups.has(g))
      ? "manager"
      : mapping.support.some((g) => groups.has(g))
        ? "support"
        : undefined;
  if (!role) return { ok: false, reason: "no_role" };
  const name = typeof profile.name === "string" && profile.name.trim() ? profile.name.trim() : null;
  return { ok: true, email, name, role };
}
