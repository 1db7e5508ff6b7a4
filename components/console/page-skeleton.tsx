import { Skeleton } from "@/components/ui/skeleton";

/** A page-shaped placeholder for segment loading.tsx files: a header, then `children`. */
export function PageSkeleton({
  label = "Loading",
  children = <Skeleton className="h-40 w-full" />,
}: {
  label?: string;
  children?: React.ReactNode;
}) {
  return (
    <div aria-busy="true" aria-label={label} className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <Skeleton className="h-7 w-48" />
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
      {children}
    </div>
  );
}
