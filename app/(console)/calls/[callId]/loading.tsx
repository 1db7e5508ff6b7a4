import { PageSkeleton } from "@/components/console/page-skeleton";

export default function CallLoading() {
  return <PageSkeleton />;
}
