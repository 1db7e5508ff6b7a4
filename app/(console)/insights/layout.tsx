import { UrlStateProvider } from "@/components/console/url-state-provider";
import { requireRole } from "@/lib/auth/session";

// Role guard at the segment layout as well as in each page: a layout renders before the segment's
// loading boundary starts streaming, so a direct visit gets a real 403 status. Pages check again
// because layouts do not re-run on client-side navigation.
export default async function InsightsLayout({ children }: { children: React.ReactNode }) {
  await requireRole("manager");
  return <UrlStateProvider>{children}</UrlStateProvider>;
}
