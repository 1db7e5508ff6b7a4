import { PageSkeleton } from "@/components/console/page-skeleton";
import { LiveCallsSkeleton } from "@/components/live/live-calls-view";

export default function Loading() {
  return (
    <PageSkeleton label="Loading live calls">
      <LiveCallsSkeleton />
    </PageSkeleton>
  );
}
