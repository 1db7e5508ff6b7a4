import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { CALL_INFO, END_CALL, V4_BY_ID, start, type Client, type Json } from "./helpers";
import { V1_CALLBACK_ACTIONS } from "../src/enums";
import type { Emulator } from "../src/server";
import { callbackSign } from "../src/webhooks";

// What a callback receiver sees of each participant: per user, the v4 ActionTypes and v1 event
// words, in arrival order, for calls with answering, declining, unreachable, joining and invited
// callees; who hung up; and Chat's Sign on v4 deliveries.

type Hit = { url: URL; body: Json };
const T0 = Date.UTC(2026, 10, 21, 9, 0, 0);
const TOKEN = "emulator-callback-token";
let now = T0;
let em: Emulator;
let c: Client;
let receiver: Server;
let base = "";
let hits: Hit[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let text = "";
    req.on("data", (d: Buffer) => (text += d.toString()));
    req.on("end", () => {
      hits.push({ url: new URL(req.url ?? "/", "http://x"), body: JSON.parse(text) as Json });
      res.writeHead(200, { "content-type": "application/json" }).end('{"ErrorCode":0}');
    });
  });
  await new Promise<void>((ok) => receiver.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  ({ em, c } = await start({ calls: 50, liveCalls: 0, now: () => now }));
});
afterAll(async () => {
  await em.close();
  await new Promise((ok) => receiver.close(ok));
});
beforeEach(async () => {
  now = T0;
  hits = [];
  await c.control("POST", "/callback-auth", { token: TOKEN });
  await c.post("/v4/call_config/set_callback", {
    Url: `${base}/v4`,
    CallbackCommandList: [
      "Call.CallbackAfterStartCall",
      "Call.CallbackAfterMemberChanged",
      "Call.CallbackAfterEndCall",
    ],
  });
  await c.post("/v1/callback/set", { address: `${base}/v1`, actions: [...V1_CALLBACK_ACTIONS] });
});

/** Moves the clock and lets the dispatcher deliver everything due: no delivery left pending. */
async function at(ms: number): Promise<void> {
  now = T0 + ms;
  for (let i = 0; i < 200; i++) {
    const log = (await c.control("GET", "/webhooks")).json.deliveries as Json[];
    if (log.every((d) => d.status !== "pending")) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("deliveries still pending");
}

const ofCall = (id: string) =>
  hits.filter(
    (h) => (h.body.CallId ?? h.body.CallInfo?.CallId ?? h.body.CallRecord?.CallId) === id,
  );

/** v4: what each user's ChangedUserList entries said; "start"/"end" for the call's own events. */
function v4Story(id: string): string[] {
  return ofCall(id)
    .filter((h) => h.url.pathname === "/v4")
    .map((h) =>
      h.body.CallbackCommand === "Call.CallbackAfterMemberChanged"
        ? `${h.body.ChangedUserList[0].User_Account}:${h.body.ChangedUserList[0].ActionType}`
        : h.body.CallbackCommand === "Call.CallbackAfterStartCall"
          ? "start"
          : `end:${h.body.CallRecord.CallResult}`,
    );
}

/** v1: the command words each user's side sent, in arrival order. */
function v1Story(id: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const h of ofCall(id).filter((x) => x.url.pathname === "/v1"))
    (out[h.body.UserId as string] ??= []).push(h.url.searchParams.get("command")!);
  return out;
}

const script = async (body: Json): Promise<string> => {
  const r = await c.control("POST", "/calls", { live: true, ...body });
  expect(r.status).toBe(201);
  return r.json.callId as string;
};

describe("a live group call: one accepts, one declines, one is unreachable", () => {
  it("sends each callee's story at its time, and end_call ends it without a hang-up", async () => {
    const id = await script({
      caller: "g_host",
      callees: ["g_yes", "g_no", "g_off"],
      members: [
        { userId: "g_yes", outcome: "accepted", actedAfterMs: 3000 },
        { userId: "g_no", outcome: "rejected", actedAfterMs: 5000 },
        { userId: "g_off", outcome: "offline" },
      ],
    });
    await at(0);
    expect(v4Story(id)).toEqual(["start"]);
    await at(3000);
    await at(5000);
    expect(v4Story(id)).toEqual(["start", "g_yes:Accept", "g_no:Reject"]);
    // Tencent never reached g_off's device, but the server still waits for the ring timeout.
    const ringing = await c.post(CALL_INFO, { CallId: id });
    expect(ringing.Response.UserList).toContainEqual({ User_Account: "g_off", Status: "Waiting" });
    await at(30_000);
    expect(v4Story(id).at(-1)).toBe("g_off:NotAnswer");
    now = T0 + 40_000;
    expect((await c.post(END_CALL, { CallId: id })).ErrorCode).toBe(0);
    await at(40_000);

    expect(v4Story(id)).toEqual([
      "start",
      "g_yes:Accept",
      "g_no:Reject",
      "g_off:NotAnswer",
      "end:NormalEnd",
    ]);
    expect(v1Story(id)).toEqual({
      g_host: [
        "caller_start_call",
        "caller_call_accepted",
        "caller_call_rejected",
        "caller_call_missed",
        "caller_call_end",
        "normal_end",
      ],
      g_yes: ["callee_receive_call", "callee_accept_call", "callee_call_end"],
      g_no: ["callee_receive_call", "callee_reject_call"],
    });
    const truth = (await c.control("GET", `/calls/${id}`)).json;
    expect(truth).toMatchObject({ result: "NormalEnd", endedBy: null, state: "ended" });
    expect(truth.members.map((m: Json) => m.outcome)).toEqual([
      null,
      "accepted",
      "rejected",
      "offline",
    ]);
  });

  it("signs as Tencent's documented example does", () => {
    expect(callbackSign("xxxxyyyy", 1669872112)).toBe(
      "17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061",
    );
  });

  it("every v4 delivery is signed with Sign = sha256(token + RequestTime); v1 ones are not", async () => {
    const id = await script({ caller: "s_a", callees: ["s_b"], endAfterMs: 9000 });
    await at(9000);
    const v4 = ofCall(id).filter((h) => h.url.pathname === "/v4");
    expect(v4.length).toBeGreaterThanOrEqual(4);
    for (const h of v4) {
      const time = h.url.searchParams.get("RequestTime")!;
      expect(Math.abs(Number(time) - Date.now() / 1000)).toBeLessThan(30);
      const expected = createHash("sha256").update(`${TOKEN}${time}`).digest("hex");
      expect(h.url.searchParams.get("Sign")).toBe(expected);
    }
    for (const h of ofCall(id).filter((x) => x.url.pathname === "/v1")) {
      expect(h.url.searchParams.has("Sign")).toBe(false);
      expect(h.url.searchParams.has("RequestTime")).toBe(false);
    }
    await c.control("POST", "/callback-auth", { token: null });
    hits = [];
    const unsigned = await script({ caller: "s_c", callees: ["s_d"] });
    await at(0);
    expect(ofCall(unsigned).every((h) => !h.url.searchParams.has("Sign"))).toBe(true);
  });
});

describe("an unreachable callee in a 1-to-1 call", () => {
  it("a call ended before the ring timeout cancels the invitation nobody received", async () => {
    const id = await script({
      caller: "e_a",
      callees: ["e_b", "e_off"],
      members: [
        { userId: "e_b", outcome: "accepted", actedAfterMs: 1000 },
        { userId: "e_off", outcome: "offline" },
      ],
    });
    await at(1000);
    now = T0 + 10_000;
    await c.post(END_CALL, { CallId: id });
    await at(10_000);
    expect(v4Story(id)).toEqual(["start", "e_b:Accept", "e_off:Cancel_Invite", "end:NormalEnd"]);
    expect(v1Story(id).e_off).toBeUndefined();
    expect(v1Story(id).e_a).toContain("caller_cancel_call");
    expect((await c.control("GET", `/calls/${id}`)).json.members[2].outcome).toBe("offline");
  });

  it("never gets callee_receive_call; the call ends NotAnswer at the ring timeout", async () => {
    const id = await script({
      caller: "u_a",
      callees: ["u_b"],
      members: [{ userId: "u_b", outcome: "offline" }],
    });
    await at(30_000);
    expect(v4Story(id)).toEqual(["start", "u_b:NotAnswer", "end:NotAnswer"]);
    expect(v1Story(id)).toEqual({
      u_a: ["caller_start_call", "caller_call_missed", "not_answer"],
    });
    expect((await c.post(V4_BY_ID, { CallId: id })).Response.CallRecord).toMatchObject({
      CallResult: "NotAnswer",
      AcceptTime: 0,
    });
    expect((await c.control("GET", `/calls/${id}`)).json.members[1]).toMatchObject({
      outcome: "offline",
      actedAt: T0 + 30_000,
    });
  });
});

describe("who ended the call", () => {
  it("endedBy a callee: their Hangup before the end, and only their v1 end event", async () => {
    const id = await script({
      caller: "h_a",
      callees: ["h_b"],
      acceptAfterMs: 2000,
      endAfterMs: 20_000,
      endedBy: "h_b",
    });
    await at(2000);
    await at(20_000);
    expect(v4Story(id)).toEqual(["start", "h_b:Accept", "h_b:Hangup", "end:NormalEnd"]);
    expect(v1Story(id)).toEqual({
      h_a: ["caller_start_call", "caller_call_accepted", "normal_end"],
      h_b: ["callee_receive_call", "callee_accept_call", "callee_call_end"],
    });
    const hangup = ofCall(id).find((h) => h.body.ChangedUserList?.[0].ActionType === "Hangup")!;
    expect(hangup.body.UserList).toEqual([{ User_Account: "h_a", Status: "Calling" }]);
    expect((await c.control("GET", `/calls/${id}`)).json.endedBy).toBe("h_b");
  });

  it("the control action hangup records who hung up", async () => {
    const id = await script({ caller: "k_a", callees: ["k_b"], acceptAfterMs: 1000 });
    now = T0 + 5000;
    const r = await c.control("POST", `/calls/${id}/actions`, { userId: "k_b", action: "hangup" });
    expect(r.json).toMatchObject({ state: "ended", endedBy: "k_b", result: "NormalEnd" });
    await at(5000);
    expect(v4Story(id)).toEqual(["start", "k_b:Accept", "k_b:Hangup", "end:NormalEnd"]);
  });

  it("a dropped device: Offline for that member, interrupted from the others", async () => {
    const id = await script({
      caller: "o_a",
      callees: ["o_b"],
      result: "Offline",
      acceptAfterMs: 2000,
      endAfterMs: 50_000,
      endedBy: "o_b",
    });
    await at(50_000);
    expect(v4Story(id)).toEqual(["start", "o_b:Accept", "o_b:Offline", "end:Offline"]);
    expect(v1Story(id).o_a).toContain("caller_call_interrupted");
    expect(v1Story(id).o_b).not.toContain("callee_call_interrupted");
  });

  it("refuses endedBy for someone not in the call, or for a call nobody answered", async () => {
    const bad = [
      {
        caller: "x",
        callees: ["y", "z"],
        members: [{ userId: "z", outcome: "rejected" }],
        endedBy: "z",
      },
      { caller: "x", callees: ["y"], result: "Reject", endedBy: "x" },
      {
        caller: "x",
        callees: ["y"],
        result: "NotAnswer",
        members: [{ userId: "y", outcome: "accepted" }],
      },
      {
        caller: "x",
        callees: ["y"],
        members: [{ userId: "y", outcome: "joined", actedAfterMs: 1 }],
      },
      { caller: "x", callees: ["y"], members: [{ userId: "q", outcome: "accepted" }] },
    ];
    for (const body of bad) expect((await c.control("POST", "/calls", body)).status).toBe(400);
  });
});

describe("joining and later invitations", () => {
  it("Invite when invited into the call, Join for a member who joins on their own", async () => {
    const id = await script({
      caller: "j_host",
      callees: ["j_a", "j_inv", "j_join"],
      endAfterMs: 20_000,
      endedBy: "j_a",
      members: [
        { userId: "j_a", outcome: "accepted", actedAfterMs: 2000 },
        { userId: "j_inv", outcome: "accepted", invitedAfterMs: 4000, actedAfterMs: 6000 },
        { userId: "j_join", outcome: "joined", actedAfterMs: 8000 },
      ],
    });
    await at(0);
    const startHit = ofCall(id).find(
      (h) => h.body.CallbackCommand === "Call.CallbackAfterStartCall",
    )!;
    expect(startHit.body.UserList.map((u: Json) => u.User_Account)).toEqual(["j_host", "j_a"]);
    for (const t of [2000, 4000, 6000, 8000, 20_000]) await at(t);
    expect(v4Story(id)).toEqual([
      "start",
      "j_a:Accept",
      "j_inv:Invite",
      "j_inv:Accept",
      "j_join:Join",
      "j_a:Hangup",
      "end:NormalEnd",
    ]);
    const story = v1Story(id);
    expect(story.j_host).toContain("invite_user");
    expect(story.j_inv).toEqual(["callee_receive_call", "callee_accept_call"]);
    expect(story.j_join).toEqual(["join_in_group_call"]);
    expect(story.j_a).toEqual(["callee_receive_call", "callee_accept_call", "callee_call_end"]);
  });
});
