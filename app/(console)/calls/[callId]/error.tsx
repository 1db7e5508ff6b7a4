"use client";

import { SegmentError } from "@/components/console/segment-error";
import type { ErrorBoundaryProps } from "@/components/console/use-logged-error";

export default function CallError(props: ErrorBoundaryProps) {
  return <SegmentError {...props} title="This call could not be shown" />;
}
