import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/utils";

const TONE: Record<string, string> = {
  NormalEnd: "border-transparent bg-success/15 text-success",
  Cancel: "border-transparent bg-muted text-muted-foreground",
  Reject: "border-transparent bg-warning text-warning-foreground",
  NotAnswer: "border-transparent bg-warning text-warning-foreground",
  CallBusy: "border-transparent bg-warning text-warning-foreground",
  Interrupt: "border-transparent bg-destructive/15 text-destructive",
  Offline: "border-transparent bg-destructive/15 text-destructive",
};

export function ResultBadge({ result, label }: { result: string; label?: string }) {
  return (
    <Badge variant="outline" className={cn(TONE[result])} title={result}>
      {label ?? result}
    </Badge>
  );
}

export function LiveBadge() {
  return (
    <Badge className="bg-destructive text-destructive-foreground dark:bg-destructive/60 gap-1.5 border-transparent">
      <span aria-hidden className="size-2 animate-pulse rounded-full bg-current" />
      Live
    </Badge>
  );
}
