import { formatCount } from "@/components/records/format";
import { formatUtc } from "@/lib/call-detail/format-time";
import type { IncompleteSlice } from "@/lib/sync/incomplete";

// Slices Tencent counted more records in than its pages held, after every re-read: the index may
// lack calls there until a later pass reads them in full.

export function IncompleteSlices({ slices }: { slices: IncompleteSlice[] }) {
  if (slices.length === 0) return null;
  return (
    <div role="alert" className="bg-warning text-warning-foreground rounded-md p-2">
      <p>
        {slices.length === 1 ? "1 slice is" : `${slices.length} slices are`} incomplete: Tencent
        counted more calls than its pages returned. Every pass reads them again.
      </p>
      <ul className="mt-1 list-disc pl-5">
        {slices.map((s) => (
          <li key={`${s.generation} ${s.from}`}>
            {s.generation} {formatUtc(s.from)} – {formatUtc(s.to)}: {formatCount(s.got)} of{" "}
            {formatCount(s.expected)} calls
          </li>
        ))}
      </ul>
    </div>
  );
}
