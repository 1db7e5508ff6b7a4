"use client";

import { LogOut } from "lucide-react";
import { useState } from "react";

import { Button } from "@/components/ui/button";

export function SignOutButton() {
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant="ghost"
      size="sm"
      disabled={pending}
      onClick={() => {
        setPending(true);
        // Loaded on click: next-auth's client (~10 kB gzipped) would otherwise ship with every page.
        import("next-auth/react")
          .then(({ signOut }) => signOut({ callbackUrl: "/login" }))
          .catch(() => setPending(false));
      }}
    >
      <LogOut aria-hidden />
      <span className="sr-only sm:not-sr-only">Sign out</span>
    </Button>
  );
}
