import type { CallView } from "@/lib/call-detail/types";

/** Where this person was in the room, drawn on the call's own start-to-end line. */
export function CallSpan({
  call,
  joinedAt,
  leftAt,
  userId,
}: {
  call: CallView;
  joinedAt: string;
  leftAt: string | null;
  userId: string;
}) {
  if (!call.startedAt) return null;
  const start = Date.parse(call.startedAt);
  const end = Date.parse(call.endedAt ?? leftAt ?? joinedAt);
  const from = Math.min(start, Date.parse(joinedAt));
  const to = Math.max(end, leftAt ? Date.parse(leftAt) : end);
  const span = Math.max(1, to - from);
  const pct = (at: number) => ((at - from) / span) * 100;
  const left = pct(Date.parse(joinedAt));
  const right = pct(leftAt ? Date.parse(leftAt) : to);
  return (
    <div
      role="img"
      aria-label={`${userId} in the room from ${Math.round(left)} % to ${Math.round(right)} % of the call`}
      className="bg-muted relative h-2 w-full rounded-full"
    >
      <div
        className="bg-primary absolute inset-y-0 rounded-full"
        style={{ left: `${left}%`, width: `${Math.max(1, right - left)}%` }}
      />
    </div>
  );
}
