"use client";

import { useQuery } from "@tanstack/react-query";

import { cn } from "@/components/ui/utils";
import { presenceLabel } from "@/lib/presence/labels";
import { ApiRequestError } from "@/lib/queries/fetch-json";
import { userPresenceOptions } from "@/lib/queries/presence";

const TONES: Record<string, string> = {
  Online: "bg-success",
  PushOnline: "bg-warning-foreground",
  Offline: "bg-muted-foreground/60",
};

type Upstream = { code?: string | number; requestId?: string | null };

function upstreamOf(error: unknown): Upstream | null {
  if (!(error instanceof ApiRequestError)) return null;
  const upstream = error.details?.upstream;
  return upstream && typeof upstream === "object" ? upstream : null;
}

/** Chat's login state of one user at this moment; its failure is shown here and goes no further. */
export function PresenceBadge({ userId, className }: { userId: string; className?: string }) {
  const { data, error, isPending } = useQuery(userPresenceOptions(userId));
  let tone = "bg-muted-foreground/40";
  let text: string;
  let title: string | undefined;
  if (isPending) {
    text = "Checking presence…";
  } else if (error) {
    const upstream = upstreamOf(error);
    const code = upstream?.code ?? (error instanceof ApiRequestError ? error.status : undefined);
    text = code === undefined ? "Presence unavailable" : `Presence unavailable (${code})`;
    title = upstream?.requestId ? `RequestId ${upstream.requestId}` : error.message;
  } else {
    const { item, asOf, requestIds } = data;
    tone = (item.status && TONES[item.status]) ?? tone;
    text = presenceLabel(item);
    title = `Asked Tencent at ${new Date(asOf).toLocaleTimeString()}${requestIds[0] ? ` (RequestId ${requestIds[0]})` : ""}`;
  }
  return (
    <span
      className={cn(
        "text-muted-foreground inline-flex items-center gap-1.5 text-xs whitespace-nowrap",
        className,
      )}
      data-testid="presence"
      title={title}
    >
      <span aria-hidden className={cn("size-2 rounded-full", tone)} />
      {text}
    </span>
  );
}
