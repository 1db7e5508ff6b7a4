import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/utils";
import { qualityVerdictLabel } from "@/lib/calls/vocabulary";

const VERDICT_TONE: Record<string, string> = {
  good: "border-transparent bg-success/15 text-success",
  fair: "border-transparent bg-warning text-warning-foreground",
  poor: "border-transparent bg-destructive/15 text-destructive",
  unknown: "border-transparent bg-muted text-muted-foreground",
};

export function QualityBadge({
  verdict,
  ...props
}: { verdict: string } & React.ComponentProps<"span">) {
  return (
    <Badge variant="outline" className={cn(VERDICT_TONE[verdict])} {...props}>
      {qualityVerdictLabel(verdict)}
    </Badge>
  );
}
