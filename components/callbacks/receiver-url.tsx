"use client";

import { Eye, EyeOff } from "lucide-react";
import { useState } from "react";

import { CopyButton } from "@/components/calls/copy-button";
import { Button } from "@/components/ui/button";
import { maskReceiverUrl } from "@/lib/events/callback-config";

/** The receiver URL holds the token that authenticates Tencent, so it is hidden until asked for. */
export function ReceiverUrl({ url }: { url: string }) {
  const [revealed, setRevealed] = useState(false);
  return (
    <div className="flex flex-col gap-2">
      <p className="text-muted-foreground text-sm" id="receiver-url-label">
        Receiver URL (the part after <code>/callbacks/</code> is a secret: anyone who has it can
        post events)
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <code
          aria-labelledby="receiver-url-label"
          data-testid="receiver-url"
          className="bg-muted rounded-md px-2 py-1 font-mono text-sm break-all"
        >
          {revealed ? url : maskReceiverUrl(url)}
        </code>
        <Button
          variant="outline"
          size="sm"
          aria-pressed={revealed}
          onClick={() => setRevealed((r) => !r)}
        >
          {revealed ? <EyeOff aria-hidden /> : <Eye aria-hidden />}
          {revealed ? "Hide token" : "Reveal token"}
        </Button>
        <CopyButton label="Copy URL" text={() => url} />
      </div>
    </div>
  );
}
