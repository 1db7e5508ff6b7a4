import { TitledSection } from "@/components/console/titled-section";
import type { CallDetail, LivePartView, RecordPartView } from "@/lib/call-detail/types";
import { roomIdTypeLabel } from "@/lib/calls/vocabulary";

const NOT_ASKED: Record<NonNullable<RecordPartView["notAsked"]>, string> = {
  live: "not asked: the call is live, its record comes after it ends",
  outside_window: "not asked: the call is older than the 7 days this API covers",
};

function partText(p: RecordPartView): string {
  if (p.error) return `error ${p.error.code}: ${p.error.message}`;
  if (p.indexedAt) return `record found (the record index's copy, synced ${p.indexedAt})`;
  if (p.notAsked) return NOT_ASKED[p.notAsked];
  return p.found ? "record found" : "no record";
}

function liveText(p: LivePartView): string {
  if (p.state === "error") return p.error ? `error ${p.error.code}: ${p.error.message}` : "error";
  return p.state === "live" ? "live call" : "not live (ended or unknown)";
}

function Row({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[10rem_1fr] gap-2 py-1.5 text-sm">
      <dt className="text-muted-foreground">{term}</dt>
      <dd className="min-w-0 break-all">{children}</dd>
    </div>
  );
}

/** Room, generations, RequestIds and the raw upstream payloads, for engineers and Tencent tickets. */
export function TechnicalPanel({ detail }: { detail: CallDetail }) {
  const { call, parts } = detail;
  return (
    <TitledSection id="technical-title" title="Technical details">
      <dl className="bg-card divide-y rounded-lg border px-4 py-1">
        <Row term="Room ID">
          <span className="font-mono">{call.roomId || "—"}</span>{" "}
          <span className="text-muted-foreground">({roomIdTypeLabel(call.roomIdType)})</span>
        </Row>
        <Row term="Chat group ID">
          <span className="font-mono">{call.chatGroupId ?? "—"}</span>
        </Row>
        <Row term="API generations">
          {call.sources.length > 0 ? call.sources.join(", ") : "—"}
          {detail.origin === "archive" && detail.archivedAt
            ? ` · from the console archive, copied ${detail.archivedAt}`
            : ""}
          {detail.origin === "index" && detail.archivedAt
            ? ` · from the record index, last synced ${detail.archivedAt}`
            : ""}
        </Row>
        {parts.record.map((p) => (
          <Row key={p.generation} term={`${p.generation} record`}>
            {partText(p)}
          </Row>
        ))}
        <Row term="v4 live status">{liveText(parts.live)}</Row>
        <Row term="RequestIds">
          {detail.requestIds.length > 0 ? (
            <ul className="flex flex-col font-mono text-xs" aria-label="RequestIds">
              {detail.requestIds.map((id) => (
                <li key={id}>{id}</li>
              ))}
            </ul>
          ) : (
            "—"
          )}
        </Row>
      </dl>
      <details className="bg-card rounded-lg border">
        <summary className="cursor-pointer px-4 py-2 text-sm font-medium">
          Raw upstream payloads
        </summary>
        <pre
          className="bg-muted/40 max-h-96 overflow-auto border-t p-4 font-mono text-xs"
          data-testid="raw-payloads"
        >
          {JSON.stringify(detail.raw, null, 2)}
        </pre>
      </details>
    </TitledSection>
  );
}
