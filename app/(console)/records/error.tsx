"use client";

import { SegmentError } from "@/components/console/segment-error";
import type { ErrorBoundaryProps } from "@/components/console/use-logged-error";

export default function RecordsError(props: ErrorBoundaryProps) {
  return <SegmentError {...props} title="The record browser could not be shown" />;
}
