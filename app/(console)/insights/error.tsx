"use client";

import { SegmentError } from "@/components/console/segment-error";
import type { ErrorBoundaryProps } from "@/components/console/use-logged-error";

export default function InsightsError(props: ErrorBoundaryProps) {
  return <SegmentError {...props} title="Insights could not be shown" />;
}
