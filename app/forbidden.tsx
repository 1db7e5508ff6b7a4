import Link from "next/link";

import { Button } from "@/components/ui/button";

// Rendered with status 403 by forbidden() in the page guards (lib/auth/session.ts), inside the
// console shell, which already provides the page's <main> landmark.
export default function Forbidden() {
  return (
    <div className="mx-auto flex min-h-[60vh] max-w-md flex-col items-center justify-center gap-4 p-6 text-center">
      <p className="text-muted-foreground text-sm font-medium">403</p>
      <h1 className="text-2xl font-semibold">You do not have access to this page</h1>
      <p className="text-muted-foreground">
        Your role does not include this part of the console. Ask an administrator if you need it.
      </p>
      <Button asChild>
        <Link href="/">Back to the console</Link>
      </Button>
    </div>
  );
}
