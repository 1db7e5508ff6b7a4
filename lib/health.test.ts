import { describe, expect, it } from "vitest";

import { judgeHealth, type SyncFacts } from "./health";

const NOW = Date.parse("2026-12-07T12:00:00Z");
const sync = (over: Partial<SyncFacts>): SyncFacts => ({
  state: "ok",
  lastSuccessAt: "2026-12-07T11:59:00Z",
  consecutiveFailures: 0,
  intervalSeconds: 60,
  ...over,
});

describe("judgeHealth", () => {
  it("is ok with a reachable upstream and a syncing index", () => {
    expect(judgeHealth({ dbOk: true, upstreamReachable: true, sync: sync({}) }, NOW)).toEqual({
      status: "ok",
      reasons: [],
    });
  });

  it("stays ok through a short sync failure and turns degraded after three intervals", () => {
    const short = sync({ state: "failing", lastSuccessAt: "2026-12-07T11:57:30Z" });
    expect(judgeHealth({ dbOk: true, upstreamReachable: true, sync: short }, NOW).status).toBe(
      "ok",
    );
    const long = sync({ state: "failing", lastSuccessAt: "2026-12-07T11:56:59Z" });
    expect(judgeHealth({ dbOk: true, upstreamReachable: true, sync: long }, NOW)).toEqual({
      status: "degraded",
      reasons: ["sync_failing"],
    });
  });

  it("counts attempts when the index never synced", () => {
    const never = (n: number) =>
      sync({ state: "failing", lastSuccessAt: null, consecutiveFailures: n });
    expect(judgeHealth({ dbOk: true, upstreamReachable: true, sync: never(3) }, NOW).status).toBe(
      "ok",
    );
    expect(judgeHealth({ dbOk: true, upstreamReachable: true, sync: never(4) }, NOW).status).toBe(
      "degraded",
    );
  });

  it("is degraded when Tencent is unreachable and unavailable without a database", () => {
    expect(judgeHealth({ dbOk: true, upstreamReachable: false, sync: null }, NOW)).toEqual({
      status: "degraded",
      reasons: ["upstream_unreachable"],
    });
    expect(judgeHealth({ dbOk: false, upstreamReachable: false, sync: null }, NOW)).toEqual({
      status: "unavailable",
      reasons: ["database_unavailable"],
    });
  });

  it("is degraded when the check made at start failed", () => {
    expect(
      judgeHealth(
        { dbOk: true, upstreamReachable: true, checks: [{ ok: true }, { ok: false }], sync: null },
        NOW,
      ),
    ).toEqual({ status: "degraded", reasons: ["upstream_check_failed"] });
  });
});
