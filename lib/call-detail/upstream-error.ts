import "server-only";

import { TrtcError } from "@/lib/trtc/errors";

import type { UpstreamProblem } from "./types";

export function problemOf(error: TrtcError): UpstreamProblem {
  return error.toUpstreamDetails();
}

// Structural, not only `instanceof`: each route bundles lib/trtc separately, and the shared
// client throws the TrtcError class of whichever bundle created it first.
export function isTrtcError(error: unknown): error is TrtcError {
  if (error instanceof TrtcError) return true;
  return (
    error instanceof Error &&
    error.name === "TrtcError" &&
    typeof (error as Partial<TrtcError>).toUpstreamDetails === "function" &&
    "generation" in error &&
    "code" in error
  );
}
