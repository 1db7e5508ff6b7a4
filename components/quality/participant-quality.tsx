"use client";

import dynamic from "next/dynamic";

import { Skeleton } from "@/components/ui/skeleton";
import { formatOffset } from "@/lib/call-detail/story-labels";
import type { CallView } from "@/lib/call-detail/types";
import type { QualityParticipantView } from "@/lib/quality/types";

import { CallSpan } from "./call-span";
import { ClientEvents } from "./client-events";
import { QualityBadge } from "./quality-badge";

// Recharts is the heaviest code on the page: it loads only when a quality section has data.
const QualityCharts = dynamic(() => import("./quality-charts").then((m) => m.QualityCharts), {
  ssr: false,
  loading: () => <Skeleton role="status" aria-label="Loading charts" className="h-48 w-full" />,
});

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div className="flex flex-col">
      <dt className="text-muted-foreground text-xs">{label}</dt>
      <dd className="text-sm break-all">{value || "—"}</dd>
    </div>
  );
}

export function ParticipantQuality({
  participant: p,
  call,
}: {
  participant: QualityParticipantView;
  call: CallView;
}) {
  const headingId = `quality-${p.userId}`;
  const start = call.startedAt ? Date.parse(call.startedAt) : null;
  const offset = (iso: string | null) =>
    iso && start !== null ? formatOffset(Date.parse(iso) - start) : "";
  return (
    <li
      className="bg-card flex min-w-0 flex-col gap-3 rounded-lg border p-4"
      aria-labelledby={headingId}
      data-testid="participant-quality"
    >
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={headingId} className="font-medium break-all">
          {p.userId}
        </h3>
        <QualityBadge verdict={p.verdict} data-testid="quality-verdict" />
      </div>
      <p className="text-sm" data-testid="quality-sentence">
        {p.sentence}
      </p>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-2 sm:grid-cols-3 lg:grid-cols-6">
        <Fact label="Device" value={p.device} />
        <Fact label="OS" value={p.os} />
        <Fact label="SDK" value={p.sdkVersion} />
        <Fact label="Client IP" value={p.clientIp} />
        <Fact label="Joined" value={offset(p.joinedAt)} />
        <Fact label="Left" value={p.leftAt ? offset(p.leftAt) : "still in the room"} />
      </dl>
      <CallSpan call={call} joinedAt={p.joinedAt} leftAt={p.leftAt} userId={p.userId} />
      <QualityCharts participant={p} startedAt={call.startedAt} />
      <ClientEvents events={p.events} offset={offset} />
    </li>
  );
}
