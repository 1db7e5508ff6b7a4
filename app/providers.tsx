"use client";

import { QueryClientProvider } from "@tanstack/react-query";

import { getQueryClient } from "@/lib/queries/get-query-client";

// zod probes for eval with `new Function`; the page's policy forbids eval, and the browser would
// report the caught attempt as a violation. zod keeps its settings on this global (what
// `z.config()` writes); setting it here spares the root bundle an import of zod.
const zodSettings = ((
  globalThis as { __zod_globalConfig?: { jitless?: boolean } }
).__zod_globalConfig ??= {});
zodSettings.jitless = true;

// No useState here: getQueryClient() already keeps one client per browser, and React may throw
// away state created during a suspended first render. The nuqs adapter is not here: only the
// segments whose state lives in the URL mount it (components/console/url-state-provider.tsx).
export function Providers({ children }: { children: React.ReactNode }) {
  const queryClient = getQueryClient();
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
