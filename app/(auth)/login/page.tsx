import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { LoginForm } from "@/components/auth/login-form";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { DEMO_ACCOUNTS } from "@/lib/auth/demo";
import { signInMethods } from "@/lib/auth/options";
import { getSessionUser } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };

const SSO_REFUSALS: Record<string, string> = {
  domain: "Your company account is not in a domain allowed to use this console.",
  no_role: "Your company account is not in any group that grants access to this console.",
  no_email: "Your identity provider did not send an e-mail address.",
  email_unverified: "Your identity provider says your e-mail address is not verified.",
};

// next-auth sends errors back here as ?error=<Code>.
function errorMessage(error: string | undefined, reason: string | undefined): string | null {
  if (!error) return null;
  if (error === "AccessDenied") return SSO_REFUSALS[reason ?? ""] ?? "Access was refused.";
  if (error === "SessionRequired") return "Please sign in to continue.";
  if (error === "CredentialsSignin") return "Wrong e-mail or password.";
  if (error.startsWith("OAuth") || error === "Callback")
    return "Signing in with your company account failed. Try again.";
  return "Sign-in failed. Try again.";
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function LoginPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(first(params.callbackUrl));
  if (await getSessionUser()) redirect(callbackUrl);

  const env = getEnv();
  return (
    <main className="flex min-h-dvh items-center justify-center p-4">
      <LoginForm
        callbackUrl={callbackUrl}
        sso={signInMethods(env).sso}
        initialError={errorMessage(first(params.error), first(params.reason))}
        demoAccounts={
          env.embedded ? DEMO_ACCOUNTS.map((a) => ({ email: a.email, role: a.role })) : null
        }
      />
    </main>
  );
}
