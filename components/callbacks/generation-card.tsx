"use client";

import { useState } from "react";

import { formatAgo } from "@/components/records/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/utils";
import type { Generation } from "@/lib/calls/types";
import type { CallbackGenerationState, UpstreamFailure } from "@/lib/events/callback-config";
import { useCallbackChange } from "@/lib/queries/callbacks";
import { ApiRequestError } from "@/lib/queries/fetch-json";

import { UpstreamFailureAlert } from "./upstream-failure";

const TITLES: Record<Generation, { title: string; description: string }> = {
  v4: {
    title: "v4 callbacks",
    description: "Calls made with the current client APIs: start, every member's change, end.",
  },
  v1: {
    title: "v1 callbacks",
    description:
      "Calls made with the deprecated client APIs (TUICallKit.call() and groupCall()): each person's steps and the call's result.",
  },
};

function ago(iso: string | null, now: number): string {
  if (!iso) return "never";
  return now === 0 ? "—" : formatAgo(Math.max(0, now - Date.parse(iso)));
}

function status(s: CallbackGenerationState): { text: string; tone: string } {
  if (s.error) return { text: "Unknown: Tencent did not answer", tone: "bg-destructive" };
  if (!s.configured) return { text: "Not configured", tone: "bg-muted-foreground" };
  if (s.pointsHere) return { text: "Points at this console", tone: "bg-success" };
  return { text: `Points elsewhere: ${s.configured.url}`, tone: "bg-warning-foreground" };
}

function changeFailure(error: unknown): UpstreamFailure | null {
  if (!(error instanceof ApiRequestError)) return null;
  const upstream = error.details?.upstream as UpstreamFailure | undefined;
  return upstream ?? null;
}

type Pending = "point" | "remove" | null;

export function GenerationCard({ state, now }: { state: CallbackGenerationState; now: number }) {
  const { generation, configured, stats } = state;
  const point = useCallbackChange("point");
  const remove = useCallbackChange("remove");
  const [confirming, setConfirming] = useState<Pending>(null);
  const busy = point.isPending || remove.isPending;
  const s = status(state);
  const lastError = point.error ?? remove.error;
  const failure = changeFailure(lastError);
  // Overwriting someone else's receiver or removing ours both deserve a second look.
  const pointNeedsConfirm = !!configured && !state.pointsHere;
  const upToDate = state.pointsHere && state.missingEvents.length === 0;

  const run = (kind: "point" | "remove") => {
    setConfirming(null);
    point.reset();
    remove.reset();
    (kind === "point" ? point : remove).mutate([generation]);
  };

  return (
    <Card role="region" aria-labelledby={`callbacks-${generation}`}>
      <CardHeader>
        <CardTitle id={`callbacks-${generation}`}>{TITLES[generation].title}</CardTitle>
        <CardDescription>{TITLES[generation].description}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4 text-sm">
        <p className="flex items-center gap-2 font-medium break-all" role="status">
          <span aria-hidden className={cn("size-2 shrink-0 rounded-full", s.tone)} />
          {s.text}
        </p>
        {state.error ? (
          <UpstreamFailureAlert
            title={`Tencent could not answer for ${generation}`}
            failure={state.error}
          />
        ) : null}
        {configured ? (
          <div className="flex flex-col gap-1">
            <span className="text-muted-foreground">Events sent</span>
            <ul aria-label={`${generation} events sent`} className="flex flex-wrap gap-1">
              {configured.events.map((e) => (
                <li key={e}>
                  <Badge variant="outline" className="font-mono">
                    {e}
                  </Badge>
                </li>
              ))}
            </ul>
            {state.missingEvents.length > 0 ? (
              <p className="text-warning-foreground">
                Missing {state.missingEvents.length} the console uses:{" "}
                <span className="font-mono">{state.missingEvents.join(", ")}</span>
              </p>
            ) : null}
          </div>
        ) : null}
        <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1">
          <dt className="text-muted-foreground">Last event received</dt>
          <dd>{ago(stats.lastEventAt, now)}</dd>
          <dt className="text-muted-foreground">Events in the last hour</dt>
          <dd>{stats.eventsLastHour}</dd>
          <dt className="text-muted-foreground">Rejected deliveries (24 h)</dt>
          <dd>
            {stats.rejectedLastDay}
            {stats.lastRejectedAt ? ` · last ${ago(stats.lastRejectedAt, now)}` : ""}
          </dd>
        </dl>

        {confirming ? (
          <div
            role="alertdialog"
            aria-labelledby={`confirm-${generation}`}
            className="border-destructive/40 flex flex-col gap-2 rounded-lg border p-3"
          >
            <p id={`confirm-${generation}`} className="font-medium">
              {confirming === "remove"
                ? `Remove the ${generation} callback configuration? Tencent stops sending these events${state.pointsHere ? " to this console" : ""}.`
                : `Replace the ${generation} configuration? Tencent keeps one per app, so ${configured?.url} stops receiving events.`}
            </p>
            <div className="flex gap-2">
              <Button variant="destructive" size="sm" onClick={() => run(confirming)}>
                {confirming === "remove" ? "Yes, remove" : "Yes, point it here"}
              </Button>
              <Button variant="outline" size="sm" onClick={() => setConfirming(null)}>
                Cancel
              </Button>
            </div>
          </div>
        ) : (
          <div className="flex flex-wrap gap-2">
            <Button
              size="sm"
              variant={upToDate ? "outline" : "default"}
              disabled={busy}
              onClick={() => (pointNeedsConfirm ? setConfirming("point") : run("point"))}
            >
              {point.isPending ? "Pointing…" : "Point Tencent here"}
            </Button>
            {configured ? (
              <Button
                variant="outline"
                size="sm"
                disabled={busy}
                onClick={() => setConfirming("remove")}
              >
                {remove.isPending ? "Removing…" : "Remove"}
              </Button>
            ) : null}
          </div>
        )}
        {lastError ? (
          failure ? (
            <UpstreamFailureAlert title="Tencent refused the change" failure={failure} />
          ) : (
            <p role="alert" className="text-destructive">
              The change failed: {lastError.message}
            </p>
          )
        ) : null}
      </CardContent>
    </Card>
  );
}
