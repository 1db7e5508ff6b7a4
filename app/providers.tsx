"use client";

import { QueryClientProvider } from "@tanstack/react-query";

import { getQueryClient } from "@/lib/queries/get-query-client";

// No useState here: getQueryClient() already keeps one client per browser, and React may throw
// away state created during a suspended first render.
export function Providers({ children }: { children: React.ReactNode }) {
  const queryClient = getQueryClient();
  return (
    // The nuqs adapter is mounted only where the URL holds state (components/console/url-state-provider.tsx).
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  );
}
