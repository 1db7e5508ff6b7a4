"use client";

import { AlertTriangle } from "lucide-react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

import { useLoggedError, type ErrorBoundaryProps } from "./use-logged-error";

/** Body of the console segments' error.tsx: logs, explains, offers a retry. */
export function SegmentError({ error, reset, title }: ErrorBoundaryProps & { title: string }) {
  useLoggedError(error);
  return (
    <div className="flex max-w-xl flex-col gap-4">
      <Alert variant="destructive">
        <AlertTriangle aria-hidden />
        <AlertTitle>{title}</AlertTitle>
        <AlertDescription>
          Something went wrong on our side and it has been logged.
          {error.digest ? ` Reference: ${error.digest}.` : ""}
        </AlertDescription>
      </Alert>
      <Button className="w-fit" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
