"use client";

import { NuqsAdapter } from "nuqs/adapters/next/app";

/**
 * The nuqs adapter, for the views whose state lives in the URL (records, user history, insights).
 * Mounted by those segments' layouts rather than the root layout, so pages that keep no state in
 * the URL (the call detail page above all) do not load nuqs.
 */
export function UrlStateProvider({ children }: { children: React.ReactNode }) {
  return <NuqsAdapter>{children}</NuqsAdapter>;
}
