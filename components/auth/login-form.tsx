"use client";

import { KeyRound, LogIn, PhoneCall } from "lucide-react";
import { signIn } from "next-auth/react";
import { useState } from "react";

import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";

type Props = {
  callbackUrl: string;
  sso: { id: string; name: string } | null;
  initialError: string | null;
  demoAccounts: { email: string; role: string }[] | null;
};

export function LoginForm({ callbackUrl, sso, initialError, demoAccounts }: Props) {
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", {
        email: formText(form, "email"),
        password: formText(form, "password"),
        redirect: false,
        callbackUrl,
      });
      if (result?.ok && !result.error) {
        // A full navigation, so the server renders the shell with the new session cookie.
        window.location.assign(callbackUrl);
        return;
      }
      setError(signInErrorMessage(result?.error ?? ""));
    } catch {
      setError("The console could not be reached. Check your connection and try again.");
    }
    setPending(false);
  }

  return (
    <Card className="w-full max-w-sm">
      <CardHeader>
        <div className="bg-primary text-primary-foreground mb-2 flex size-10 items-center justify-center rounded-lg">
          <PhoneCall aria-hidden className="size-5" />
        </div>
        <h1 className="text-xl leading-none font-semibold">Sign in to Call Console</h1>
        <CardDescription>For support staff looking into TRTC calls.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {error ? (
          <Alert variant="destructive">
            <AlertDescription>{error}</AlertDescription>
          </Alert>
        ) : null}
        <form
          onSubmit={(event) => void onSubmit(event)}
          className="flex flex-col gap-4"
          noValidate={false}
        >
          <div className="flex flex-col gap-2">
            <Label htmlFor="email">E-mail</Label>
            <Input
              id="email"
              name="email"
              type="email"
              autoComplete="username"
              required
              autoFocus
            />
          </div>
          <div className="flex flex-col gap-2">
            <Label htmlFor="password">Password</Label>
            <Input
              id="password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
            />
          </div>
          <Button type="submit" disabled={pending}>
            <LogIn aria-hidden />
            {pending ? "Signing in…" : "Sign in"}
          </Button>
        </form>
        {sso ? (
          <>
            <div className="text-muted-foreground flex items-center gap-3 text-xs">
              <span className="bg-border h-px flex-1" /> or{" "}
              <span className="bg-border h-px flex-1" />
            </div>
            <Button
              variant="outline"
              type="button"
              onClick={() => void signIn(sso.id, { callbackUrl })}
            >
              <KeyRound aria-hidden />
              Sign in with {sso.name}
            </Button>
          </>
        ) : null}
      </CardContent>
      {demoAccounts ? (
        <CardFooter className="border-t pt-4">
          <div className="text-muted-foreground text-xs" aria-label="Demo accounts">
            <p className="text-foreground mb-1 font-medium">Demo mode</p>
            <p>
              Accounts{" "}
              {demoAccounts.map((a, i) => (
                <span key={a.email}>
                  <code className="font-mono">{a.email}</code>
                  {i < demoAccounts.length - 1 ? ", " : ""}
                </span>
              ))}
              . The password is the one <code className="font-mono">npm start</code> printed (or{" "}
              <code className="font-mono">DEMO_PASSWORD</code>).
            </p>
          </div>
        </CardFooter>
      ) : null}
    </Card>
  );
}

function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}
