"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";

import {
  LazyCallLookupError,
  LazyCallNotFound,
  LazyCallNotices,
  LazyCallTimeline,
  LazyEndCallButton,
  LazyParticipantStories,
  LazyQualitySection,
  LazyTechnicalPanel,
} from "@/components/calls/call-detail-lazy";
import { CallHeader } from "@/components/calls/call-header";
import { ParticipantsTable } from "@/components/calls/participants-table";
import { ShareActions } from "@/components/calls/share-actions";
import { PageSkeleton } from "@/components/console/page-skeleton";
import type { CallView, ParticipantView } from "@/lib/call-detail/types";
import type { CallDetailResult } from "@/lib/call-detail/types";
import { callDetailOptions, isLive } from "@/lib/queries/calls";

// How long a call that was just seen live is followed while Tencent writes its record (~5 s).
const FOLLOW_ENDED_MS = 60_000;

function remember(known: ParticipantView[], current: ParticipantView[]): ParticipantView[] {
  const ids = new Set(known.map((p) => p.userId));
  const added = current
    .filter((p) => !ids.has(p.userId))
    .map(({ userId, role }) => ({ userId, role }));
  return added.length > 0 ? [...known, ...added] : known;
}

/** The live participants plus those seen earlier who have left and whom nothing else lists. */
function withDeparted(call: CallView, known: ParticipantView[]): CallView {
  const present = new Set(call.participants.map((p) => p.userId));
  const departed = known.filter((p) => !present.has(p.userId));
  return departed.length > 0
    ? { ...call, participants: [...call.participants, ...departed] }
    : call;
}

export function CallDetailView({ callId, canEnd }: { callId: string; canEnd: boolean }) {
  // Set while the call was live on this page and its record has not appeared yet.
  const [following, setFollowing] = useState(false);
  const query = useQuery(callDetailOptions(callId, following));
  const data = query.data;

  // Adjusting state to the latest answer during render (React's pattern for derived state).
  const [seen, setSeen] = useState<CallDetailResult | undefined>(undefined);
  // Everyone seen in this live call so far: get_call_info drops members who declined or gave up.
  const [members, setMembers] = useState<ParticipantView[]>([]);
  if (data !== seen) {
    setSeen(data);
    if (isLive(data) && data?.kind === "found")
      setMembers((m) => remember(m, data.detail.call.participants));
    // Also after a reload moments after staff ended the call here: its record is on its way.
    if (isLive(data) || (data?.kind === "not_found" && data.details.awaitingRecord))
      setFollowing(true);
    else if (data?.kind === "found") setFollowing(false);
  }
  const awaitingRecord = following && data?.kind === "not_found";
  useEffect(() => {
    if (!awaitingRecord) return;
    const timer = setTimeout(() => setFollowing(false), FOLLOW_ENDED_MS);
    return () => clearTimeout(timer);
  }, [awaitingRecord]);

  const retry = () => void query.refetch();
  if (!data) {
    if (query.isError)
      return (
        <LazyCallLookupError error={query.error} onRetry={retry} retrying={query.isFetching} />
      );
    return <PageSkeleton />;
  }
  if (data.kind === "not_found") {
    return (
      <LazyCallNotFound
        details={data.details}
        onRetry={retry}
        retrying={query.isFetching}
        endedMoments={awaitingRecord}
      />
    );
  }
  const { detail } = data;
  return (
    <div className="flex flex-col gap-8">
      <CallHeader
        detail={detail}
        actions={
          <>
            <ShareActions detail={detail} />
            {canEnd && detail.call.live ? <LazyEndCallButton callId={callId} /> : null}
          </>
        }
      />
      {query.isError ? (
        <LazyCallLookupError error={query.error} onRetry={retry} retrying={query.isFetching} />
      ) : null}
      <LazyCallNotices detail={detail} />
      <ParticipantsTable
        call={detail.call.live ? withDeparted(detail.call, members) : detail.call}
      />
      <LazyCallTimeline detail={detail} />
      <LazyParticipantStories call={detail.call} />
      <LazyQualitySection call={detail.call} />
      <LazyTechnicalPanel detail={detail} />
    </div>
  );
}
