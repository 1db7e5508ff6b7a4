"use client";

import { useQuery } from "@tanstack/react-query";

import { PRESENCE_PENDING_TEXT, PresenceShell } from "@/components/presence/presence-shell";
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
  let tone: string | undefined;
  let text: string;
  let title: string | undefined;
  if (isPending) {
    text = PRESENCE_PENDING_TEXT;
  } else if (error) {
    const upstream = upstreamOf(error);
    const code = upstream?.code ?? (error instanceof ApiRequestError ? error.status : undefined);
    text = code === undefined ? "Presence unavailable" : `Presence unavailable (${code})`;
    title = upstream?.requestId ? `RequestId ${upstream.requestId}` : error.message;
  } else {
    const { item, asOf, requestIds } = data;
    tone = item.status ? TONES[item.status] : undefined;
    text = presenceLabel(item);
    title = `Asked Tencent at ${new Date(asOf).toLocaleTimeString()}${requestIds[0] ? ` (RequestId ${requestIds[0]})` : ""}`;
  }
  return <PresenceShell tone={tone} text={text} title={title} className={className} />;
}
