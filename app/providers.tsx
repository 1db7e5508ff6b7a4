"use client";

import { QueryClientProvider } from "@tanstack/react-query";
import { config as zodConfig } from "zod";

import { getQueryClient } from "@/lib/queries/get-query-client";

// zod probes for eval with `new Function`; the page's policy forbids eval, and the browser would
// report the caught attempt as a violation. Set before any schema parses in the browser.
zodConfig({ jitless: true });

// No useState here: getQueryClient() already keeps one client per browser, and React may throw
// away state created during a suspended first render. The nuqs adapter is not here: only the
// segments whose state lives in the URL mount it (components/console/url-state-provider.tsx).
export function Providers({ children }: { children: React.ReactNode }) {
  const queryClient = getQueryClient();
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
