"use client";

import { SegmentError } from "@/components/console/segment-error";
import type { ErrorBoundaryProps } from "@/components/console/use-logged-error";

export default function LiveError(props: ErrorBoundaryProps) {
  return <SegmentError {...props} title="Live calls could not be shown" />;
}
