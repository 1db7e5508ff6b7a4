import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { ApiError } from "@/lib/api/errors";
import type { CallRecord } from "@/lib/calls/types";
import { clientFor, control, scriptCall, sharedEmulator } from "@/lib/trtc/testing";

import { lookupCall, type CallSources } from "./lookup";
import { defaultSources, endLiveCall } from "./service";
import type { CallLookupErrorDetails } from "./types";

// lookupCall and endLiveCall over real HTTP against the emulator, compared with its ground truth.

const emu = sharedEmulator({ calls: 50 });
beforeEach(async () => {
  await control(emu, "DELETE", "clock");
});

type Snapshot = {
  members: { userId: string; role: string; status: string | null }[];
  result: string;
  startedAt: number;
};
const truth = async (callId: string) => (await control(emu, "GET", `calls/${callId}`)) as Snapshot;
// Tencent only: the archive (record index) has its own tests; the archive case below injects one.
const sources = (overrides: Parameters<typeof clientFor>[1] = {}): CallSources => {
  const { archive: _archive, ...tencent } = defaultSources(clientFor(emu, overrides).client);
  return tencent;
};

async function found(callId: string, src = sources()) {
  const outcome = await lookupCall(callId, src);
  if (outcome.kind !== "found") throw new Error(`expected ${callId} to be found`);
  return outcome.detail;
}

describe("lookupCall", () => {
  it("an ended 1-to-1 call: record from both generations, outcomes, timeline, RequestIds and raw payloads", async () => {
    const call = await scriptCall(emu, {
      caller: "alice",
      callees: ["bob"],
      result: "NotAnswer",
      mediaType: "video",
      roomId: "room-1",
    });
    const detail = await found(call.callId);
    expect(detail.call).toMatchObject({
      callId: call.callId,
      result: "NotAnswer",
      mediaType: "video",
      callType: "single",
      caller: "alice",
      callees: ["bob"],
      live: false,
      roomId: "room-1",
      roomIdType: 2,
      sources: ["v4", "v1"],
      participants: [
        { userId: "alice", role: "caller", outcome: "no_answer" },
        { userId: "bob", role: "callee", outcome: "missed" },
      ],
    });
    expect(detail.call.startedAt).toBe(
      new Date(Math.floor(call.startedAt / 1000) * 1000).toISOString(),
    );
    expect(detail.explanation?.label).toBe("Not answered");
    expect(detail.timeline).toMatchObject({
      ringTimeMs: 30_000,
      ringTime: "30s",
      talkTimeMs: null,
      talkTime: "—",
    });
    expect(detail.parts.live).toMatchObject({ state: "not_live", error: null });
    expect(detail.parts.record.map((p) => [p.generation, p.found])).toEqual([
      ["v4", true],
      ["v1", true],
    ]);
    expect(detail.requestIds).toHaveLength(3);
    expect(detail.raw.record.v4).toMatchObject({
      ActionStatus: "OK",
      Response: { CallRecord: { CallId: call.callId } },
    });
    expect(detail.raw.record.v1).toMatchObject({ errorCode: 0, data: { callId: call.callId } });
    expect(JSON.stringify(detail)).not.toMatch(/usersig/i);
    expect(detail.v1Only).toBe(false);
  });

  it("a live call: Waiting then Calling as the emulator's ground truth says, then the ended record", async () => {
    const call = await scriptCall(emu, {
      caller: "carol",
      callees: ["dave", "erin"],
      live: true,
      acceptAfterMs: 60_000,
      endAfterMs: 120_000,
      members: [
        { userId: "dave", outcome: "accepted", actedAfterMs: 60_000 },
        { userId: "erin", outcome: "rejected", actedAfterMs: 30_000 },
      ],
    });
    const ringing = await found(call.callId);
    expect(ringing.call.live).toBe(true);
    expect(ringing.call.result).toBeNull();
    expect(ringing.explanation).toBeNull();
    const statuses = (await truth(call.callId)).members.map((m) => [m.userId, m.status]);
    expect(ringing.call.participants.map((p) => [p.userId, p.status])).toEqual(statuses);
    expect(statuses).toEqual([
      ["carol", "Calling"],
      ["dave", "Waiting"],
      ["erin", "Waiting"],
    ]);
    expect(ringing.call.participants[0]).toMatchObject({ role: "caller" });
    expect(ringing.raw.live).toMatchObject({
      ActionStatus: "OK",
      Response: { CallInfo: { CallId: call.callId } },
    });

    await control(emu, "POST", "clock", { offsetMs: 61_000 });
    const talking = await found(call.callId);
    expect(talking.call.participants.map((p) => [p.userId, p.status])).toEqual([
      ["carol", "Calling"],
      ["dave", "Calling"],
    ]);

    await control(emu, "POST", "clock", { offsetMs: 130_000 });
    const ended = await found(call.callId);
    expect(ended.call).toMatchObject({
      live: false,
      result: (await truth(call.callId)).result,
      callType: "group",
    });
    expect(ended.parts.live.state).toBe("not_live");
  });

  it("flags a call that only the v1 records have (deprecated client APIs)", async () => {
    const call = await scriptCall(emu, { caller: "frank", callees: ["gina"], generations: ["v1"] });
    const detail = await found(call.callId);
    expect(detail.v1Only).toBe(true);
    expect(detail.call.sources).toEqual(["v1"]);
    expect(detail.parts.record.find((p) => p.generation === "v4")).toMatchObject({
      found: false,
      error: null,
    });
  });

  it("an unknown ID is not found, saying what was searched", async () => {
    const outcome = await lookupCall("no-such-call", sources());
    expect(outcome).toMatchObject({
      kind: "not_found",
      details: {
        callId: "no-such-call",
        recordsApi: "both",
        searched: ["v4", "v1"],
        archiveSearched: false,
      },
    });
    if (outcome.kind === "not_found") expect(outcome.details.requestIds).toHaveLength(3);
  });

  it("a call older than 7 days is not found at Tencent, and is found in the archive when one is given", async () => {
    const startedAt = Date.now() - 8 * 24 * 3600 * 1000;
    const call = await scriptCall(emu, { caller: "hank", callees: ["ivy"], startedAt });
    expect((await lookupCall(call.callId, sources())).kind).toBe("not_found");

    const archived: CallRecord = {
      callId: call.callId,
      result: "NormalEnd",
      mediaType: "audio",
      callType: "single",
      caller: "hank",
      callees: ["ivy"],
      startedAt: new Date(startedAt).toISOString(),
      acceptedAt: new Date(startedAt + 5000).toISOString(),
      endedAt: new Date(startedAt + 65_000).toISOString(),
      roomId: "1",
      roomIdType: 1,
      chatGroupId: null,
      sources: ["v4"],
    };
    const withArchive = {
      ...sources(),
      archive: () => Promise.resolve({ record: archived, archivedAt: "2026-01-01T00:00:00.000Z" }),
    };
    const detail = await found(call.callId, withArchive);
    expect(detail).toMatchObject({ origin: "archive", archivedAt: "2026-01-01T00:00:00.000Z" });
    expect(detail.timeline.talkTime).toBe("1m 00s");
  });

  it("an upstream failure is reported with its RequestId, never as not found", async () => {
    const call = await scriptCall(emu, { caller: "jack", callees: ["kim"] });
    await control(emu, "POST", "faults", {
      errorRate: 1,
      onlyPaths: ["/v4/call_record_http_srv", "/v1/records"],
    });
    const error = await lookupCall(call.callId, sources()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const api = error as ApiError;
    expect(api.status).toBe(502);
    const details = api.details as CallLookupErrorDetails;
    expect(details.reason).toBe("upstream_failed");
    expect(details.upstream).toMatchObject({ generation: "v4", code: 101001 });
    expect(details.upstream.requestId).toMatch(/^Id-/);
    expect(details.parts?.live.state).toBe("not_live");

    await control(emu, "DELETE", "faults");
    expect((await found(call.callId)).call.result).toBe("NormalEnd");
  });

  it("v4 failing alone: the v1 copy shows, v4's error is kept, and it is not called a v1-only call", async () => {
    const call = await scriptCall(emu, { caller: "v4down-a", callees: ["v4down-b"] });
    await control(emu, "POST", "faults", {
      errorRate: 1,
      onlyPaths: ["/v4/call_record_http_srv"],
    });
    const detail = await found(call.callId);
    expect(detail.origin).toBe("tencent");
    expect(detail.call.sources).toEqual(["v1"]);
    expect(detail.v1Only).toBe(false);
    expect(detail.degraded).toBeUndefined();
    const v4 = detail.parts.record.find((p) => p.generation === "v4");
    expect(v4).toMatchObject({ found: false, error: { generation: "v4", code: 101001 } });
    expect(v4?.requestId).toMatch(/^Id-[0-9a-f]{32}-O-Seq-\d+$/);
    expect(v4?.error?.requestId).toBe(v4?.requestId);
  });

  it("every upstream failing: the record index's copy is the answer, with each failure beside it", async () => {
    const call = await scriptCall(emu, { caller: "down-a", callees: ["down-b"], result: "Reject" });
    const indexed: CallRecord = {
      callId: call.callId,
      result: "Reject",
      mediaType: "audio",
      callType: "single",
      caller: "down-a",
      callees: ["down-b"],
      startedAt: new Date(call.startedAt).toISOString(),
      acceptedAt: null,
      endedAt: new Date(call.startedAt + 10_000).toISOString(),
      roomId: "1",
      roomIdType: 1,
      chatGroupId: null,
      sources: ["v4"],
    };
    await control(emu, "POST", "faults", {
      errorRate: 1,
      onlyPaths: ["/v4/call_record_http_srv", "/v1/records", "/v4/call_engine_http_srv"],
    });
    const withIndex = {
      ...sources(),
      archive: () => Promise.resolve({ record: indexed, archivedAt: "2026-01-02T03:04:05.000Z" }),
    };
    const detail = await found(call.callId, withIndex);
    expect(detail).toMatchObject({ origin: "index", archivedAt: "2026-01-02T03:04:05.000Z" });
    expect(detail.call).toMatchObject({ result: "Reject", caller: "down-a", live: false });
    expect(detail.degraded?.upstream.map((u) => [u.generation, u.code])).toEqual([
      ["v4", 101001],
      ["v1", 99999],
      ["v4", 101001],
    ]);
    for (const u of detail.degraded?.upstream ?? []) {
      expect(Object.keys(u).sort()).toEqual(["code", "generation", "message", "requestId"]);
      expect(u.requestId).toMatch(/^(Id-[0-9a-f]{32}-O-Seq-\d+|[0-9a-f]{32})$/);
    }

    // Without an indexed copy the failure stays the answer, now with every generation's error.
    const error = await lookupCall(call.callId, {
      ...sources(),
      archive: () => Promise.resolve(null),
    }).catch((e: unknown) => e);
    expect((error as ApiError).status).toBe(502);
    const details = (error as ApiError).details as CallLookupErrorDetails;
    expect(details.parts?.record.map((p) => [p.generation, p.error?.code])).toEqual([
      ["v4", 101001],
      ["v1", 99999],
    ]);
  });

  it("keeps the record when only the live status fails, with the live error in its part", async () => {
    const call = await scriptCall(emu, { caller: "liam", callees: ["mia"] });
    await control(emu, "POST", "faults", { errorRate: 1, onlyPaths: ["/v4/call_engine_http_srv"] });
    const detail = await found(call.callId);
    expect(detail.parts.live).toMatchObject({ state: "error", error: { code: 101001 } });
  });
});

describe("error 50001 (no Group Call package)", () => {
  // The emulator has no switch for 50001, so a minimal upstream answers it over real HTTP: v4 has
  // no record, v1 refuses with 50001.
  let stub: Server;
  let url: string;
  beforeAll(async () => {
    stub = createServer((req, res) => {
      req.resume();
      const path = req.url ?? "";
      const body = path.startsWith("/v1/")
        ? {
            errorCode: 50001,
            errorMessage: "package not purchased",
            requestId: "0123456789abcdef0123456789abcdef",
          }
        : {
            ActionStatus: "FAIL",
            ErrorCode: path.includes("call_engine") ? 101004 : 101050,
            ErrorInfo: "not found",
            RequestId: "Id-00000000000000000000000000000000-O-Seq-1",
          };
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
    });
    await new Promise<void>((r) => stub.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => stub.close(() => r())));

  it("is reported as package_missing with the v1 RequestId", async () => {
    const { client } = clientFor({ url });
    const { archive: _archive, ...tencent } = defaultSources(client);
    const error = await lookupCall("any-call", tencent).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const details = (error as ApiError).details as CallLookupErrorDetails;
    expect(details.reason).toBe("package_missing");
    expect(details.upstream).toMatchObject({
      generation: "v1",
      code: 50001,
      requestId: "0123456789abcdef0123456789abcdef",
    });
    expect(details.parts?.record).toEqual([
      {
        generation: "v4",
        found: false,
        requestId: "Id-00000000000000000000000000000000-O-Seq-1",
        error: null,
        indexedAt: null,
        notAsked: null,
      },
      expect.objectContaining({
        generation: "v1",
        error: expect.objectContaining({ code: 50001 }),
      }),
    ]);
  });
});

describe("endLiveCall", () => {
  it("ends a live call, and answers 409 when it is no longer live", async () => {
    const call = await scriptCall(emu, {
      caller: "nina",
      callees: ["otto"],
      live: true,
      acceptAfterMs: 1000,
    });
    const { client } = clientFor(emu);
    const res = await endLiveCall(call.callId, client);
    expect(res).toMatchObject({ callId: call.callId, ended: true, confirmed: true });
    expect(res.requestId).toMatch(/^Id-/);
    expect((await truth(call.callId)).members.every((m) => m.status === null)).toBe(true);

    const again = await endLiveCall(call.callId, client).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ApiError);
    expect((again as ApiError).status).toBe(409);
  });
});
