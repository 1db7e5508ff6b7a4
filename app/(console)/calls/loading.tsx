import { PageSkeleton } from "@/components/console/page-skeleton";

export default function CallsLoading() {
  return <PageSkeleton />;
}
