import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  CALL_INFO,
  END_CALL,
  ROBOT,
  start,
  V1_BY_ID,
  V4_BY_ID,
  type Client,
  type Json,
} from "./helpers";
import type { Emulator } from "../src/server";

// The call engine (get_call_info, end_call, start_call_by_robot) and live calls moving on with the
// injectable clock: members Waiting → Calling, the call ends, the record appears.

const T0 = Date.UTC(2026, 10, 20, 9, 0, 0);
let now = T0;
let em: Emulator;
let c: Client;
beforeAll(
  async () =>
    ({ em, c } = await start({ calls: 500, liveCalls: 3, recordDelayMs: 5000, now: () => now })),
);
afterAll(() => em.close());

const users = (r: Json) =>
  (r.Response.UserList as Json[]).map((u) => `${u.User_Account}:${u.Status}`);

describe("generated live calls", () => {
  it("the health endpoint and ground truth agree on three live calls, each answerable by get_call_info", async () => {
    expect((await c.control("GET", "/health")).json).toMatchObject({ ok: true, live: 3 });
    const live = em.store.list({ from: now - 3600_000, limit: 1000 }).calls.filter((s) => s.live);
    expect(live).toHaveLength(3);
    for (const s of live.filter((x) => x.generations.includes("v4"))) {
      const r = await c.post(CALL_INFO, { CallId: s.callId });
      expect(r.ErrorCode).toBe(0);
      expect(r.Response.CallInfo).toMatchObject({ CallId: s.callId, RoomId: s.roomId });
      expect(r.Response.UserList[0]).toEqual({ User_Account: s.caller, Status: "Calling" });
    }
  });

  it("an ended generated call is unknown to get_call_info (101004)", async () => {
    const ended = em.store.list({ limit: 5 }).calls[0]!;
    expect((await c.post(CALL_INFO, { CallId: ended.callId })).ErrorCode).toBe(101004);
    expect((await c.post(END_CALL, { CallId: ended.callId })).ErrorCode).toBe(101004);
  });
});

describe("a scripted live call's lifecycle", () => {
  it("Waiting → Calling on accept, ends at endAfterMs, record ~5 s later", async () => {
    const made = await c.control("POST", "/calls", {
      caller: "life_alice",
      callees: ["life_bob"],
      mediaType: "video",
      live: true,
      acceptAfterMs: 4000,
      endAfterMs: 60_000,
      roomId: "life-room",
    });
    expect(made.status).toBe(201);
    const id = made.json.callId as string;
    expect(made.json).toMatchObject({
      state: "live",
      live: true,
      recordVisible: false,
      roomIdType: 2,
    });

    const ringing = await c.post(CALL_INFO, { CallId: id });
    expect(users(ringing)).toEqual(["life_alice:Calling", "life_bob:Waiting"]);
    expect(ringing.Response.CallInfo).toEqual({
      CallId: id,
      MediaType: "Video",
      ChatGroupId: "",
      RoomId: "life-room",
      RoomIdType: 2,
    });

    now = T0 + 4000;
    expect(users(await c.post(CALL_INFO, { CallId: id }))).toEqual([
      "life_alice:Calling",
      "life_bob:Calling",
    ]);

    now = T0 + 60_000;
    expect((await c.post(CALL_INFO, { CallId: id })).ErrorCode).toBe(101004);
    expect((await c.post(V4_BY_ID, { CallId: id })).ErrorCode).toBe(101050);

    now = T0 + 65_000;
    const rec = (await c.post(V4_BY_ID, { CallId: id })).Response.CallRecord as Json;
    expect(rec).toMatchObject({
      CallResult: "NormalEnd",
      StartTime: T0 / 1000,
      AcceptTime: T0 / 1000 + 4,
      EndTime: T0 / 1000 + 60,
      MediaType: "Video",
    });
    expect((await c.post(V1_BY_ID, { callId: id })).data).toMatchObject({
      callResult: "normal_end",
      mediaType: "video",
    });
    now = T0;
  });

  it("group calls: members who decline leave the user list", async () => {
    const made = await c.control("POST", "/calls", {
      caller: "g_host",
      callees: ["g_1", "g_2"],
      live: true,
      members: [
        { userId: "g_1", outcome: "accepted", actedAfterMs: 2000 },
        { userId: "g_2", outcome: "rejected", actedAfterMs: 3000 },
      ],
    });
    const id = made.json.callId as string;
    now = T0 + 2500;
    const r = await c.post(CALL_INFO, { CallId: id });
    expect(users(r)).toEqual(["g_host:Calling", "g_1:Calling", "g_2:Waiting"]);
    expect(r.Response.CallInfo.ChatGroupId).toMatch(/^@TGS#/);
    now = T0 + 3500;
    expect(users(await c.post(CALL_INFO, { CallId: id }))).toEqual([
      "g_host:Calling",
      "g_1:Calling",
    ]);
    now = T0;
  });
});

describe("end_call", () => {
  it("really ends a live call: NormalEnd when answered, record after the delay, second end is 101004", async () => {
    const id = (
      await c.control("POST", "/calls", {
        caller: "e_a",
        callees: ["e_b"],
        live: true,
        acceptAfterMs: 1000,
      })
    ).json.callId;
    now = T0 + 30_000;
    expect((await c.post(END_CALL, { CallId: id })).ErrorCode).toBe(0);
    expect(Object.keys(await c.post(END_CALL, { CallId: id }))).not.toContain("Response");
    expect((await c.post(END_CALL, { CallId: id })).ErrorCode).toBe(101004);
    expect((await c.post(CALL_INFO, { CallId: id })).ErrorCode).toBe(101004);
    expect((await c.control("GET", `/calls/${id}`)).json).toMatchObject({
      state: "ended",
      result: "NormalEnd",
      endedAt: T0 + 30_000,
    });
    now = T0 + 35_000;
    expect((await c.post(V4_BY_ID, { CallId: id })).Response.CallRecord).toMatchObject({
      CallResult: "NormalEnd",
      EndTime: T0 / 1000 + 30,
    });
    now = T0;
  });

  it("ending a call nobody answered yet makes it Cancel, the ringing callee cancelled", async () => {
    const id = (
      await c.control("POST", "/calls", {
        caller: "e_c",
        callees: ["e_d"],
        live: true,
        acceptAfterMs: 20_000,
      })
    ).json.callId;
    now = T0 + 5000;
    expect((await c.post(END_CALL, { CallId: id })).ErrorCode).toBe(0);
    const truth = (await c.control("GET", `/calls/${id}`)).json;
    expect(truth).toMatchObject({ result: "Cancel", acceptedAt: null });
    expect(truth.members[1]).toMatchObject({ outcome: "cancelled", actedAt: T0 + 5000 });
    now = T0;
  });

  it("a v1-only call does not exist for the v4 call engine", async () => {
    const id = (
      await c.control("POST", "/calls", {
        caller: "x",
        callees: ["y"],
        live: true,
        generations: ["v1"],
      })
    ).json.callId;
    expect((await c.post(CALL_INFO, { CallId: id })).ErrorCode).toBe(101004);
  });
});

describe("start_call_by_robot", () => {
  const valid = {
    Robot_Account: "bot_assistant",
    CalleeList_Account: ["rb_bob"],
    Timeout: 45_000,
    UserData: "ticket-8841",
    CallInfo: { MediaType: "Audio", RoomIdType: 2, RoomId: "support-8841" },
    OfflinePushInfo: {
      PushFlag: 0,
      Title: "Incoming call",
      Desc: "Support is calling you",
      Ext: "{}",
    },
  };

  it("starts a real live call that rings until Timeout and ends NotAnswer", async () => {
    const r = await c.post(ROBOT, valid);
    expect(r.ErrorCode).toBe(0);
    const id = r.Response.CallId as string;
    expect(r.Response.CallResult).toEqual([{ Callee_Account: "rb_bob", ResultCode: 0 }]);
    const info = await c.post(CALL_INFO, { CallId: id });
    expect(users(info)).toEqual(["bot_assistant:Calling", "rb_bob:Waiting"]);
    expect(info.Response.CallInfo).toMatchObject({
      MediaType: "Audio",
      RoomId: "support-8841",
      RoomIdType: 2,
    });
    now = T0 + 45_000 + 5_000;
    expect((await c.post(CALL_INFO, { CallId: id })).ErrorCode).toBe(101004);
    expect((await c.post(V4_BY_ID, { CallId: id })).Response.CallRecord).toMatchObject({
      CallResult: "NotAnswer",
      Caller_Account: "bot_assistant",
      CalleeList_Account: ["bot_assistant", "rb_bob"],
      AcceptTime: 0,
    });
    // Robot calls are a v4 API: no v1 record.
    expect((await c.post(V1_BY_ID, { callId: id })).errorCode).toBe(70001);
    now = T0;
  });

  it("several callees make a group call; no RoomId gets a numeric room", async () => {
    const r = await c.post(ROBOT, {
      ...valid,
      CalleeList_Account: ["rb_1", "rb_2"],
      CallInfo: { MediaType: "Video" },
    });
    const info = await c.post(CALL_INFO, { CallId: r.Response.CallId });
    expect(info.Response.CallInfo.RoomIdType).toBe(1);
    expect(info.Response.CallInfo.RoomId).toMatch(/^\d+$/);
    expect(info.Response.CallInfo.ChatGroupId).toMatch(/^@TGS#/);
    expect((await c.control("GET", `/calls/${r.Response.CallId}`)).json.callType).toBe("group");
  });

  it("end_call ends a robot call", async () => {
    const r = await c.post(ROBOT, valid);
    expect((await c.post(END_CALL, { CallId: r.Response.CallId })).ErrorCode).toBe(0);
    expect((await c.post(CALL_INFO, { CallId: r.Response.CallId })).ErrorCode).toBe(101004);
  });

  it.each([
    ["Timeout below 10000 ms", { Timeout: 9999 }],
    ["Timeout above 600000 ms", { Timeout: 600_001 }],
    ["no Timeout", { Timeout: undefined }],
    ["no Robot_Account", { Robot_Account: undefined }],
    ["empty callee list", { CalleeList_Account: [] }],
    ["callee list of numbers", { CalleeList_Account: [1, 2] }],
    ["no CallInfo", { CallInfo: undefined }],
    ["no MediaType", { CallInfo: { RoomId: "1" } }],
    ["lower-case MediaType", { CallInfo: { MediaType: "video" } }],
    ["RoomIdType 3", { CallInfo: { MediaType: "Audio", RoomIdType: 3, RoomId: "5" } }],
    [
      "non-numeric room with RoomIdType 1",
      { CallInfo: { MediaType: "Audio", RoomIdType: 1, RoomId: "abc" } },
    ],
    ["UserData over 1000 bytes", { UserData: "x".repeat(1001) }],
    ["robot calling itself", { CalleeList_Account: ["bot_assistant"] }],
  ])("%s → 101002", async (_name, patch) => {
    expect((await c.post(ROBOT, { ...valid, ...patch })).ErrorCode).toBe(101002);
  });
});

describe("member actions (control endpoint)", () => {
  const act = (id: string, userId: string, action: string) =>
    c.control("POST", `/calls/${id}/actions`, { userId, action });

  it("a robot call can be answered, then hung up: NormalEnd with the answer time", async () => {
    const id = (
      await c.post(ROBOT, {
        Robot_Account: "bot_a",
        CalleeList_Account: ["ma_bob"],
        Timeout: 30_000,
        CallInfo: { MediaType: "Audio" },
      })
    ).Response.CallId as string;
    now = T0 + 4000;
    const answered = await act(id, "ma_bob", "accept");
    expect(answered.status).toBe(200);
    expect(answered.json).toMatchObject({
      state: "live",
      result: "NormalEnd",
      acceptedAt: T0 + 4000,
    });
    expect(users(await c.post(CALL_INFO, { CallId: id }))).toEqual([
      "bot_a:Calling",
      "ma_bob:Calling",
    ]);
    now = T0 + 90_000; // past the ring timeout: an answered call keeps going
    expect((await c.post(CALL_INFO, { CallId: id })).ErrorCode).toBe(0);
    expect((await act(id, "ma_bob", "hangup")).json).toMatchObject({
      state: "ended",
      endedAt: T0 + 90_000,
    });
    now = T0 + 95_000;
    expect((await c.post(V4_BY_ID, { CallId: id })).Response.CallRecord).toMatchObject({
      CallResult: "NormalEnd",
      AcceptTime: T0 / 1000 + 4,
      EndTime: T0 / 1000 + 90,
    });
    now = T0;
  });

  it("the only callee rejecting ends the call as Reject; in a group the call goes on", async () => {
    const single = (
      await c.control("POST", "/calls", {
        caller: "ma_c",
        callees: ["ma_d"],
        live: true,
        acceptAfterMs: null,
      })
    ).json.callId as string;
    now = T0 + 2000;
    expect((await act(single, "ma_d", "reject")).json).toMatchObject({
      state: "ended",
      result: "Reject",
    });
    const group = (
      await c.control("POST", "/calls", {
        caller: "ma_e",
        callees: ["ma_f", "ma_g"],
        live: true,
        acceptAfterMs: null,
      })
    ).json.callId as string;
    await act(group, "ma_f", "reject");
    expect(users(await c.post(CALL_INFO, { CallId: group }))).toEqual([
      "ma_e:Calling",
      "ma_g:Waiting",
    ]);
    now = T0;
  });

  it("refuses impossible actions", async () => {
    const id = (
      await c.control("POST", "/calls", {
        caller: "ma_h",
        callees: ["ma_i"],
        live: true,
        acceptAfterMs: null,
      })
    ).json.callId as string;
    expect((await act(id, "nobody", "accept")).status).toBe(404);
    expect((await act(id, "ma_h", "accept")).status).toBe(400);
    expect((await act(id, "ma_i", "hangup")).status).toBe(409);
    expect((await act(id, "ma_i", "dance")).status).toBe(400);
    expect((await act(id, "ma_i", "accept")).status).toBe(200);
    expect((await act(id, "ma_i", "accept")).status).toBe(409);
    expect((await act(id, "ma_h", "hangup")).status).toBe(200);
    expect((await act(id, "ma_i", "hangup")).status).toBe(409);
    expect(
      (await c.control("POST", "/calls/unknown/actions", { userId: "x", action: "accept" })).status,
    ).toBe(404);
  });
});
