// People known to the test identity provider. The login name typed into its sign-in form picks
// the account; the console maps `groups` to roles (see playwright.config.ts for the mapping).
export type OidcAccount = {
  email: string;
  name: string;
  groups: string[];
  emailVerified?: boolean;
};

export const OIDC_ACCOUNTS: Record<string, OidcAccount> = {
  dana: {
    email: "dana@corp.example",
    name: "Dana Okafor",
    groups: ["everyone", "console-managers"],
  },
  alex: { email: "alex@corp.example", name: "Alex Admin", groups: ["console-admins"] },
  sam: { email: "sam@corp.example", name: "Sam Support", groups: ["support-team"] },
  // Refused: right group, wrong e-mail domain.
  eve: { email: "eve@other.example", name: "Eve Outsider", groups: ["console-admins"] },
  // Refused: right domain, no group that grants a role.
  nora: { email: "nora@corp.example", name: "Nora Nogroup", groups: ["everyone"] },
};

export const OIDC_CLIENT = {
  id: "call-console-e2e",
  secret: "e2e-client-secret-not-for-production",
};
export const OIDC_GROUPS = {
  admin: "console-admins",
  manager: "console-managers",
  support: "support-team",
};
