"use client";

import { useQuery } from "@tanstack/react-query";

import { cn } from "@/components/ui/utils";
import { healthOptions } from "@/lib/queries/health";

/** A small live indicator of whether the console can reach Tencent (or the emulator). */
export function UpstreamStatus({ className }: { className?: string }) {
  const { data, isPending, isError } = useQuery(healthOptions());
  let tone = "bg-muted-foreground";
  let text = "Checking connection…";
  if (isError) {
    tone = "bg-destructive";
    text = "Console health unknown";
  } else if (!isPending && data) {
    const source = data.upstream.mode === "embedded" ? "Emulator" : "Tencent";
    if (data.upstream.reachable === false) {
      tone = "bg-destructive";
      text = `${source} unreachable`;
    } else if (data.upstream.usersig?.expiringSoon) {
      tone = "bg-warning-foreground";
      text = `${source}: admin UserSig expires soon`;
    } else if (data.upstream.reachable) {
      tone = "bg-success";
      text = `${source} connected`;
    } else {
      text = `${source} status not checked`;
    }
  }
  return (
    <span
      className={cn("text-muted-foreground inline-flex items-center gap-2 text-xs", className)}
      role="status"
    >
      <span aria-hidden className={cn("size-2 rounded-full", tone)} />
      {text}
    </span>
  );
}
