"use client";

import { SegmentError } from "@/components/console/segment-error";
import type { ErrorBoundaryProps } from "@/components/console/use-logged-error";

export default function ConsoleError(props: ErrorBoundaryProps) {
  return <SegmentError {...props} title="This page could not be loaded" />;
}
