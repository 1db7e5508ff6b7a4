import { PageSkeleton } from "@/components/console/page-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading staff accounts">
      <div className="flex flex-col gap-2 rounded-xl border p-5">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-9 w-full" />
        ))}
      </div>
    </PageSkeleton>
  );
}
