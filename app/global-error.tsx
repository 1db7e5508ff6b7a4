"use client";

import { useLoggedError, type ErrorBoundaryProps } from "@/components/console/use-logged-error";

import "./globals.css";

// Last resort when the root layout itself fails: no shell, no details, a way to retry.
export default function GlobalError({ error, reset }: ErrorBoundaryProps) {
  useLoggedError(error);
  return (
    <html lang="en">
      <body className="min-h-dvh">
        <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-4 p-6 text-center">
          <h1 className="text-2xl font-semibold">The console failed to load</h1>
          <p className="text-muted-foreground">
            Something went wrong on our side.{error.digest ? ` Reference: ${error.digest}.` : ""}
          </p>
          <button
            className="bg-primary text-primary-foreground rounded-md px-4 py-2 text-sm font-medium"
            onClick={reset}
          >
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
