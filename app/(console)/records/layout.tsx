import { UrlStateProvider } from "@/components/console/url-state-provider";

export default function RecordsLayout({ children }: { children: React.ReactNode }) {
  return <UrlStateProvider>{children}</UrlStateProvider>;
}
