"use client";

import { SegmentError } from "@/components/calls/segment-error";

export default function UserError(props: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return <SegmentError {...props} title="This user's history could not be shown" />;
}
