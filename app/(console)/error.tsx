"use client";

import { useEffect } from "react";
import { AlertTriangle } from "lucide-react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export default function ConsoleError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="flex max-w-xl flex-col gap-4">
      <Alert variant="destructive">
        <AlertTriangle aria-hidden />
        <AlertTitle>This page could not be loaded</AlertTitle>
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
