// A real OpenID Connect provider (the `oidc-provider` package) for the end-to-end tests: discovery,
// authorization code + PKCE, signed ID tokens, its own login form. Not a mock of next-auth.
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";

import { OIDC_ACCOUNTS, OIDC_CLIENT } from "./accounts";

const port = Number(process.env.OIDC_PORT ?? 4120);
const consoleUrl = process.env.CONSOLE_URL ?? "http://localhost:3100";
const issuer = `http://127.0.0.1:${port}`;

const configuration: Configuration = {
  clients: [
    {
      client_id: OIDC_CLIENT.id,
      client_secret: OIDC_CLIENT.secret,
      redirect_uris: [`${consoleUrl}/api/auth/callback/oidc`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  claims: {
    openid: ["sub"],
    email: ["email", "email_verified"],
    profile: ["name"],
    groups: ["groups"],
  },
  // Put the requested claims into the ID token, as most company IdPs do for e-mail and groups.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ["e2e-cookie-key-not-for-production"] },
  findAccount(_ctx: KoaContextWithOIDC, id: string) {
    const account = OIDC_ACCOUNTS[id];
    if (!account) return Promise.resolve(undefined);
    return Promise.resolve({
      accountId: id,
      claims() {
        return Promise.resolve({
          sub: id,
          email: account.email,
          email_verified: account.emailVerified ?? true,
          name: account.name,
          groups: account.groups,
        });
      },
    });
  },
  // A first-party SSO app: grant the requested scopes without a consent screen.
  async loadExistingGrant(ctx: KoaContextWithOIDC) {
    const oidc = ctx.oidc;
    const existing =
      oidc.result?.consent?.grantId ?? oidc.session?.grantIdFor(oidc.client!.clientId);
    if (existing) return oidc.provider.Grant.find(existing);
    const grant = new oidc.provider.Grant({
      clientId: oidc.client!.clientId,
      accountId: oidc.session!.accountId!,
    });
    grant.addOIDCScope(typeof oidc.params?.scope === "string" ? oidc.params.scope : "openid");
    await grant.save();
    return grant;
  },
};

const provider = new Provider(issuer, configuration);
const server = provider.listen(port, "127.0.0.1");
server.on("listening", () => console.log(`OpenID provider for e2e listening at ${issuer}`));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
