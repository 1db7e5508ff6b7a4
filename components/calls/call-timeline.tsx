"use client";

import { LocalTime, useShownTimeZone } from "@/components/calls/local-time";
import { TitledSection } from "@/components/console/titled-section";
import { formatInZone, formatUtc } from "@/lib/call-detail/format-time";
import { endedByText } from "@/lib/call-detail/story-labels";
import type { CallDetail } from "@/lib/call-detail/types";
import type { EndedBy } from "@/lib/events/stories";

function EndedByLine({ endedBy }: { endedBy: EndedBy }) {
  const zone = useShownTimeZone();
  const time = (iso: string) => (zone ? formatInZone(iso, zone) : formatUtc(iso));
  return (
    <span className="text-sm" data-testid="ended-by">
      {endedByText(endedBy, time)}
    </span>
  );
}

function Step({
  label,
  iso,
  empty,
  note,
}: {
  label: string;
  iso: string | null;
  empty: string;
  note?: React.ReactNode;
}) {
  return (
    <li
      className="group relative flex flex-col gap-1 border-l-2 pb-4 pl-4 last:pb-0 data-[done=false]:border-dashed"
      data-done={iso !== null}
    >
      <span
        aria-hidden
        className="bg-primary group-data-[done=false]:bg-muted-foreground absolute top-1 -left-[5px] size-2 rounded-full"
      />
      <span className="text-sm font-medium">{label}</span>
      {iso ? (
        <LocalTime iso={iso} />
      ) : (
        <span className="text-muted-foreground text-sm">{empty}</span>
      )}
      {note}
    </li>
  );
}

function Duration({ term, value, testId }: { term: string; value: string; testId: string }) {
  return (
    <div>
      <dt className="text-muted-foreground text-xs font-medium tracking-wide uppercase">{term}</dt>
      <dd className="text-xl font-semibold tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

export function CallTimeline({ detail }: { detail: CallDetail }) {
  const { call, timeline } = detail;
  return (
    <TitledSection id="timeline-title" title="Timeline">
      <div className="bg-card grid gap-4 rounded-lg border p-4 sm:grid-cols-[1fr_auto]">
        <ol className="flex flex-col">
          <Step
            label="Started"
            iso={call.startedAt}
            empty={call.live ? "Reported with the record when the call ends" : "Not reported"}
          />
          <Step
            label="Accepted"
            iso={call.acceptedAt}
            empty={call.live ? "Not yet known" : "Never answered"}
          />
          <Step
            label="Ended"
            iso={call.endedAt}
            empty={call.live ? "Still in progress" : "Not reported"}
            note={call.endedBy ? <EndedByLine endedBy={call.endedBy} /> : null}
          />
        </ol>
        <dl className="flex gap-6 sm:flex-col sm:border-l sm:pl-6">
          <Duration term="Ring time" value={timeline.ringTime} testId="ring-time" />
          <Duration term="Talk time" value={timeline.talkTime} testId="talk-time" />
        </dl>
      </div>
    </TitledSection>
  );
}
