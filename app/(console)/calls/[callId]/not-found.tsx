import Link from "next/link";

import { Button } from "@/components/ui/button";

export default function CallNotFoundPage() {
  return (
    <div className="flex max-w-xl flex-col gap-3">
      <h1 className="text-2xl font-semibold">Call not found</h1>
      <p className="text-muted-foreground">
        There is no call at this address. Paste the call ID into the search box above.
      </p>
      <Button asChild className="w-fit">
        <Link href="/">Back to search</Link>
      </Button>
    </div>
  );
}
