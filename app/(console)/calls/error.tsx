"use client";

import { SegmentError } from "@/components/console/segment-error";
import type { ErrorBoundaryProps } from "@/components/console/use-logged-error";

export default function CallsError(props: ErrorBoundaryProps) {
  return <SegmentError {...props} title="The lookup could not be shown" />;
}
