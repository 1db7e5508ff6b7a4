import { cn } from "@/components/ui/utils";

/** A presence badge's look: a coloured dot and a short text, the same while it loads. */
export function PresenceShell({
  tone = "bg-muted-foreground/40",
  text,
  title,
  className,
}: {
  tone?: string;
  text: string;
  title?: string;
  className?: string;
}) {
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

export const PRESENCE_PENDING_TEXT = "Checking presence…";
