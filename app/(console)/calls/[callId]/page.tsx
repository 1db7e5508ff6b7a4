import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import type { Metadata } from "next";

import { CallDetailView } from "@/components/calls/call-detail-view";
import { InvalidCallId } from "@/components/calls/invalid-call-id";
import { hasRole } from "@/lib/auth/roles";
import { requireRole } from "@/lib/auth/session";
import { getCallLookup } from "@/lib/call-detail/service";
import { checkCallId } from "@/lib/calls/call-id";
import { callKeys } from "@/lib/queries/calls";
import { getQueryClient } from "@/lib/queries/get-query-client";

type Props = { params: Promise<{ callId: string }> };

// Next hands over the segment as it appeared in the URL on some paths and decoded on others;
// decoding once more is safe because a call ID with a literal "%" is not plausible.
function segment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Call ${segment((await params).callId).slice(0, 40)}` };
}

// The permalink of one call. The first answer is fetched here, on the server, straight from
// lib/call-detail and handed to the client, which then polls /api/calls/:id while the call is live.
export default async function CallPage({ params }: Props) {
  const user = await requireRole("support");
  const check = checkCallId(segment((await params).callId));
  // A malformed ID gets a clear message and never reaches Tencent.
  if (!check.ok) return <InvalidCallId reason={check.reason} />;

  const queryClient = getQueryClient();
  await queryClient.prefetchQuery({
    queryKey: callKeys.detail(check.callId),
    queryFn: () => getCallLookup(check.callId),
  });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <CallDetailView callId={check.callId} canEnd={hasRole(user.role, "admin")} />
    </HydrationBoundary>
  );
}
