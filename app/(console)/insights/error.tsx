"use client";

import { SegmentError } from "@/components/calls/segment-error";

export default function InsightsError(props: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return <SegmentError {...props} title="Insights could not be shown" />;
}
