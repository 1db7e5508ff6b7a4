"use client";

import { useEffect } from "react";

/** What Next.js passes to an error.tsx or global-error.tsx. */
export type ErrorBoundaryProps = {
  error: Error & { digest?: string };
  reset: () => void;
};

/** Logs the error in the browser console once per error. */
export function useLoggedError(error: Error): void {
  useEffect(() => {
    console.error(error);
  }, [error]);
}
