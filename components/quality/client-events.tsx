import type { QualityEvent } from "@/lib/trtc-cloud/types";

/**
 * What the person's app reported during the call (camera, mic, device and network switches),
 * folded away: it explains "I could not see him" but is noise for most tickets.
 */
export function ClientEvents({
  events,
  offset,
}: {
  events: QualityEvent[];
  offset: (iso: string) => string;
}) {
  if (events.length === 0) return null;
  return (
    <details className="text-sm" data-testid="quality-client-events">
      <summary className="text-muted-foreground hover:text-foreground w-fit cursor-pointer">
        Client events ({events.length})
      </summary>
      <ol className="mt-2 flex flex-col gap-1">
        {events.map((e, i) => (
          <li key={`${e.at}-${i}`} className="flex gap-4">
            <span className="text-muted-foreground w-14 shrink-0 font-mono text-xs leading-5 tabular-nums">
              {offset(e.at)}
            </span>
            <span>{e.label}</span>
          </li>
        ))}
      </ol>
    </details>
  );
}
