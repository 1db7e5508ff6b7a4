"use client";

import { SegmentError } from "@/components/calls/segment-error";

export default function CallError(props: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return <SegmentError {...props} title="This call could not be shown" />;
}
