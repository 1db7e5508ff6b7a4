import { afterEach, describe, expect, it, vi } from "vitest";

import { control, scriptCall, sharedEmulator } from "@/lib/trtc/testing";

import { QualityUnavailableError, fromTencentError } from "./errors";
import { qualityClientFor, rawCloud } from "./testing";

// Every error a caller can meet, with the plain message staff read and Tencent's code and RequestId.

const MIN = 60_000;
const HOUR = 60 * MIN;
const emu = sharedEmulator();

async function failure(p: Promise<unknown>): Promise<QualityUnavailableError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(QualityUnavailableError);
  return e as QualityUnavailableError;
}

const recent = () => ({ from: new Date(Date.now() - HOUR), to: new Date() });

afterEach(() => {
  vi.useRealTimers();
});

describe("Tencent refusals become plain messages with code and RequestId", () => {
  it("no Monitoring Dashboard plan", async () => {
    await control(emu, "POST", "cloud", { plan: "inactive" });
    const e = await failure(qualityClientFor(emu).client.findRoom("r1", recent()));
    expect(e.reason).toBe("plan_inactive");
    expect(e.code).toBe("InvalidParameter.StartTimeOversize");
    expect(e.message).toMatch(/Monitoring Dashboard plan/);
    expect(e.message).toContain(`RequestId ${e.requestId}`);
  });

  it("a key whose CAM user may not call trtc:Describe*", async () => {
    await control(emu, "POST", "cloud", { permission: "denied" });
    const e = await failure(qualityClientFor(emu).client.findRoom("r1", recent()));
    expect(e).toMatchObject({ reason: "permission", code: "AuthFailure.UnauthorizedOperation" });
    expect(e.message).toMatch(/lacks permission.*trtc:DescribeRoomInfo/);
  });

  it("a wrong secret key, an unknown key ID, a clock ten minutes off", async () => {
    const wrongKey = await failure(
      qualityClientFor(emu, { secretKey: "not-the-key" }).client.findRoom("r1", recent()),
    );
    expect(wrongKey).toMatchObject({ reason: "permission", code: "AuthFailure.SignatureFailure" });
    expect(wrongKey.message).toMatch(/rejected the API key/);
    const unknownId = await failure(
      qualityClientFor(emu, { secretId: "AKIDnobody" }).client.findRoom("r1", recent()),
    );
    expect(unknownId).toMatchObject({ reason: "permission", code: "AuthFailure.SecretIdNotFound" });
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() - 10 * MIN });
    const skewed = await failure(qualityClientFor(emu).client.findRoom("r1", recent()));
    expect(skewed).toMatchObject({ reason: "permission", code: "AuthFailure.SignatureExpire" });
  });

  it("Tencent out of reach", async () => {
    const { client } = qualityClientFor({ url: "http://127.0.0.1:9" }, {}, { timeoutMs: 2_000 });
    const e = await failure(client.findRoom("r1", recent()));
    expect(e.reason).toBe("upstream");
    expect(e.message).toMatch(/could not be reached .*DescribeRoomInfo/);
  });

  it("other codes keep Tencent's words; plan wording in FailedOperation counts as the plan", () => {
    expect(
      fromTencentError("InternalError.EsQueryError", "ES query failed", "rid-1").toJSON(),
    ).toEqual({
      reason: "upstream",
      message:
        "Tencent's monitoring API failed: ES query failed. (Tencent InternalError.EsQueryError, RequestId rid-1)",
      code: "InternalError.EsQueryError",
      requestId: "rid-1",
    });
    expect(
      fromTencentError("FailedOperation", "monitoring dashboard package not purchased", "r").reason,
    ).toBe("plan_inactive");
    expect(fromTencentError("RequestLimitExceeded", "too many", "r").message).toMatch(
      /rate-limiting/,
    );
  });
});

describe("the emulator answers out-of-limit queries with Tencent's codes", () => {
  it("windows, users, history, missing fields and unknown actions", async () => {
    const raw = rawCloud(emu);
    const now = Math.floor(Date.now() / 1000);
    const call = await scriptCall(emu, {
      caller: "alice",
      callees: ["bob"],
      startedAt: Date.now() - HOUR,
      endAfterMs: 5 * MIN,
    });
    const commId = `1400000001_${call.roomId}_${Math.floor(call.startedAt / 1000)}`;
    const base = { SdkAppId: 1400000001, CommId: commId };
    const cases: [string, Record<string, unknown>, string][] = [
      [
        "DescribeRoomInfo",
        { SdkAppId: 1400000001, StartTime: now - 25 * 3600, EndTime: now },
        "InvalidParameter.QueryScaleOversize",
      ],
      [
        "DescribeUserInfo",
        { ...base, StartTime: now - 5 * 3600, EndTime: now },
        "InvalidParameter.QueryScaleOversize",
      ],
      [
        "DescribeCallDetailInfo",
        { ...base, StartTime: now - 2 * 3600, EndTime: now, DataType: ["aLoss"] },
        "InvalidParameter.QueryScaleOversize",
      ],
      [
        "DescribeCallDetailInfo",
        {
          ...base,
          StartTime: now - 3600,
          EndTime: now,
          DataType: ["aLoss"],
          UserIds: ["a", "b", "c", "d", "e", "f", "g"],
        },
        "InvalidParameter.UserIdsMorethanSix",
      ],
      [
        "DescribeUserInfo",
        { ...base, StartTime: now - 15 * 86400, EndTime: now - 15 * 86400 + 60 },
        "InvalidParameter.StartTsOversize",
      ],
      [
        "DescribeUserInfo",
        { SdkAppId: 1400000001, StartTime: now - 60, EndTime: now },
        "MissingParameter.CommId",
      ],
      [
        "DescribeRoomInfo",
        { SdkAppId: 1400000002, StartTime: now - 60, EndTime: now },
        "InvalidParameter.SdkAppId",
      ],
      ["DescribeAbnormalEvent", { SdkAppId: 1400000001 }, "InvalidAction"],
    ];
    for (const [action, params, code] of cases) {
      const answer = await raw(action, params);
      expect(answer, `${action} ${JSON.stringify(params)}`).toMatchObject({ ok: false, code });
      if (!answer.ok) expect(answer.requestId).toMatch(/^[0-9a-f-]{36}$/);
    }
    // Without DataType the user list may cover 4 hours and up to 100 users.
    expect(
      await raw("DescribeCallDetailInfo", { ...base, StartTime: now - 4 * 3600, EndTime: now }),
    ).toMatchObject({
      ok: true,
      response: { Total: 2, Data: [] },
    });
  });
});
