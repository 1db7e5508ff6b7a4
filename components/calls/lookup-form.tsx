import { Search } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";

/** A plain GET form: the pasted text lands in ?q=, so a list lookup is a shareable URL too. */
export function LookupForm({ defaultValue }: { defaultValue: string }) {
  return (
    <form action="/calls" method="get" className="flex max-w-3xl flex-col gap-2">
      <Label htmlFor="lookup-text">Call IDs or links</Label>
      <textarea
        id="lookup-text"
        name="q"
        rows={4}
        defaultValue={defaultValue}
        className="border-input focus-visible:border-ring focus-visible:ring-ring/50 min-h-24 w-full rounded-md border bg-transparent px-3 py-2 font-mono text-sm shadow-xs outline-none focus-visible:ring-[3px]"
        placeholder={"7f3c2a90-5b1e-4c2d-9a8e-0c1d2e3f4a5b\nhttps://console.example.com/calls/…"}
      />
      <Button type="submit" className="w-fit">
        <Search aria-hidden />
        Look up
      </Button>
    </form>
  );
}
