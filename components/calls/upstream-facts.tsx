import type { UpstreamProblem } from "@/lib/call-detail/types";

type Facts = Pick<UpstreamProblem, "code" | "message" | "requestId"> &
  Partial<Pick<UpstreamProblem, "generation">>;

/** What Tencent answered, with the RequestId its support asks for. */
export function UpstreamFacts({ upstream }: { upstream: Facts }) {
  return (
    <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1 text-sm">
      {upstream.generation && (
        <>
          <dt>API generation</dt>
          <dd>{upstream.generation}</dd>
        </>
      )}
      <dt>Tencent code</dt>
      <dd className="font-mono">{upstream.code}</dd>
      <dt>Message</dt>
      <dd>{upstream.message}</dd>
      <dt>RequestId</dt>
      <dd className="font-mono break-all" data-testid="upstream-request-id">
        {upstream.requestId ?? "none returned"}
      </dd>
    </dl>
  );
}
