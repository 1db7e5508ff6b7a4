import { UrlStateProvider } from "@/components/console/url-state-provider";

export default function UserLayout({ children }: { children: React.ReactNode }) {
  return <UrlStateProvider>{children}</UrlStateProvider>;
}
