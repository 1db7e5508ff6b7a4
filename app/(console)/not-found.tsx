import Link from "next/link";

import { Button } from "@/components/ui/button";

export default function ConsoleNotFound() {
  return (
    <div className="flex max-w-xl flex-col gap-3">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="text-muted-foreground">
        There is nothing at this address. The link may be mistyped or out of date.
      </p>
      <Button asChild className="w-fit">
        <Link href="/">Back to search</Link>
      </Button>
    </div>
  );
}
