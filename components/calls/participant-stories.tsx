import { Badge } from "@/components/ui/badge";
import { UserLink } from "@/components/users/user-link";
import { formatOffset, participantLabel, stepLabel } from "@/lib/call-detail/story-labels";
import type { CallView, ParticipantView } from "@/lib/call-detail/types";

function Story({ p, live }: { p: ParticipantView; live: boolean }) {
  const steps = p.steps ?? [];
  const headingId = `story-${p.role}-${p.userId}`;
  return (
    <li
      className="bg-card flex min-w-0 flex-col gap-3 rounded-lg border p-4"
      aria-labelledby={headingId}
      data-testid="participant-story"
    >
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={headingId} className="min-w-0 font-medium break-all">
          <UserLink userId={p.userId} />
        </h3>
        <Badge variant={p.role === "caller" ? "secondary" : "outline"}>
          {p.role === "caller" ? "Caller" : "Callee"}
        </Badge>
        <span className="text-sm" data-testid="story-outcome">
          {participantLabel(p, live)}
        </span>
      </div>
      {steps.length > 0 ? (
        <ol aria-label={`What happened to ${p.userId}`} className="flex flex-col gap-1.5">
          {steps.map((s, i) => (
            <li key={i} className="flex gap-3 text-sm">
              <time
                dateTime={s.at}
                title={`${s.at} · reported by ${s.generations.join(" and ")}`}
                className="text-muted-foreground w-14 shrink-0 text-right font-mono tabular-nums"
              >
                {formatOffset(s.offsetMs) || "—"}
              </time>
              <span className={s.kind === "unknown" ? "font-mono text-xs" : undefined}>
                {stepLabel(s, p.role)}
              </span>
            </li>
          ))}
        </ol>
      ) : (
        <p className="text-muted-foreground text-sm">No events from Tencent for this person.</p>
      )}
    </li>
  );
}

/** Each person's timeline from Tencent's events, with times from the call's start. */
export function ParticipantStories({ call }: { call: CallView }) {
  const anyEvents = call.participants.some((p) => (p.steps ?? []).length > 0);
  return (
    <section aria-labelledby="stories-title" className="flex flex-col gap-2">
      <h2 id="stories-title" className="text-lg font-semibold">
        What happened to each person
      </h2>
      <p className="text-muted-foreground text-sm">
        {anyEvents
          ? "From Tencent's call event callbacks; times count from the start of the call."
          : "Tencent sent no event callbacks for this call. Each person's outcome above comes from the record; callbacks can be set up under Admin."}
      </p>
      {anyEvents ? (
        <ul className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
          {call.participants.map((p) => (
            <Story key={`${p.role}:${p.userId}`} p={p} live={call.live} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
