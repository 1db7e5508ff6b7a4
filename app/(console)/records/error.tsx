"use client";

import { SegmentError } from "@/components/calls/segment-error";

export default function RecordsError(props: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return <SegmentError {...props} title="The record browser could not be shown" />;
}
