import Link from "next/link";

import { cn } from "@/components/ui/utils";

export function userHref(userId: string): string {
  return `/users/${encodeURIComponent(userId)}`;
}

/**
 * Any TRTC user ID shown in the console, linked to that user's history. Works in server and
 * client components, in the link colour so it reads as one. `current` marks the user whose page
 * this is (shown bold, not linked).
 */
export function UserLink({
  userId,
  current,
  className,
}: {
  userId: string;
  current?: boolean;
  className?: string;
}) {
  if (current) {
    return (
      <span className={cn("font-mono font-semibold", className)} aria-current="page">
        {userId}
      </span>
    );
  }
  return (
    <Link
      href={userHref(userId)}
      title={`Calls of user ${userId}`}
      className={cn(
        "text-primary focus-visible:ring-ring/50 rounded-sm font-mono underline-offset-2 outline-none hover:underline focus-visible:underline focus-visible:ring-[3px]",
        className,
      )}
    >
      {userId}
    </Link>
  );
}
