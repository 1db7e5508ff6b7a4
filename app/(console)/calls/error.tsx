"use client";

import { SegmentError } from "@/components/calls/segment-error";

export default function CallsError(props: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return <SegmentError {...props} title="The lookup could not be shown" />;
}
