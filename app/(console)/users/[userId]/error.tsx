"use client";

import { SegmentError } from "@/components/console/segment-error";
import type { ErrorBoundaryProps } from "@/components/console/use-logged-error";

export default function UserError(props: ErrorBoundaryProps) {
  return <SegmentError {...props} title="This user's history could not be shown" />;
}
