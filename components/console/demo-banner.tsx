import { FlaskConical } from "lucide-react";

// Embedded mode only: nobody should mistake emulator data for their real app's calls.
export function DemoBanner() {
  return (
    <div
      role="note"
      aria-label="Demo mode"
      className="border-warning-foreground/15 bg-warning text-warning-foreground border-b"
    >
      <p className="mx-auto flex max-w-6xl items-center gap-2 px-4 py-1.5 text-xs sm:text-sm">
        <FlaskConical aria-hidden className="size-4 shrink-0" />
        <span>
          <strong className="font-semibold">Demo mode.</strong> No Tencent app is configured: calls
          and records come from the built-in emulator, not from real users.
        </span>
      </p>
    </div>
  );
}
