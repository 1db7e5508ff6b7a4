import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { start, type Client } from "./helpers";
import type { Emulator } from "../src/server";

// Callback configuration APIs: v4 call_config (reference §4.10) and v1 callback (§3.7). One
// configuration per app and generation; "set" overwrites.

let em: Emulator;
let c: Client;
beforeAll(async () => ({ em, c } = await start({ calls: 0 })));
afterAll(() => em.close());

describe("v4 call_config", () => {
  const SET = "/v4/call_config/set_callback";
  const GET = "/v4/call_config/get_callback";
  const DEL = "/v4/call_config/delete_callback";
  const cfg = {
    Url: "https://hooks.example.test/trtc-call",
    CallbackCommandList: ["Call.CallbackAfterStartCall", "Call.CallbackAfterEndCall"],
  };

  it("get before set → 100301; set, get, overwrite, delete", async () => {
    expect((await c.post(GET)).ErrorCode).toBe(100301);
    const set = await c.post(SET, cfg);
    expect(set).toMatchObject({ ErrorCode: 0, ActionStatus: "OK" });
    expect(set.Response).toBeUndefined();
    expect((await c.post(GET)).Response).toEqual(cfg);
    const next = {
      Url: "http://hooks.example.test/v2",
      CallbackCommandList: ["Call.CallbackAfterMemberChanged"],
    };
    await c.post(SET, next);
    expect((await c.post(GET)).Response).toEqual(next);
    const del = await c.post(DEL);
    expect(del.ErrorCode).toBe(0);
    expect(del.Response).toBeUndefined();
    expect((await c.post(GET)).ErrorCode).toBe(100301);
    expect((await c.post(DEL)).ErrorCode).toBe(0);
  });

  it.each([
    ["missing Url", { CallbackCommandList: cfg.CallbackCommandList }],
    ["ftp Url", { ...cfg, Url: "ftp://hooks.example.test" }],
    ["not a URL", { ...cfg, Url: "hooks" }],
    ["Url of the wrong type", { ...cfg, Url: 5 }],
    ["missing command list", { Url: cfg.Url }],
    ["unknown command", { ...cfg, CallbackCommandList: ["Call.Whatever"] }],
    ["empty command list", { ...cfg, CallbackCommandList: [] }],
  ])("%s → 100002", async (_n, body) => {
    expect((await c.post(SET, body)).ErrorCode).toBe(100002);
  });
});

describe("v1 callback", () => {
  const cfg = {
    address: "https://hooks.example.test/tuicall",
    actions: ["normal_end", "not_answer", "caller_start_call"],
  };

  it("set returns the address; get returns actions and address; update and delete", async () => {
    expect((await c.post("/v1/callback/get")).errorCode).toBe(999);
    expect((await c.post("/v1/callback/update", cfg)).errorCode).toBe(999);
    const set = await c.post("/v1/callback/set", cfg);
    expect(set).toMatchObject({ errorCode: 0, errorMessage: "Success", data: cfg.address });
    expect((await c.post("/v1/callback/get")).data).toEqual({
      actions: cfg.actions,
      address: cfg.address,
    });
    const upd = await c.post("/v1/callback/update", {
      address: "https://hooks.example.test/new",
      actions: ["reject"],
    });
    expect(upd.data).toBe("https://hooks.example.test/new");
    expect((await c.post("/v1/callback/get")).data).toEqual({
      actions: ["reject"],
      address: "https://hooks.example.test/new",
    });
    expect((await c.post("/v1/callback/delete")).data).toBe("");
    expect((await c.post("/v1/callback/get")).errorCode).toBe(999);
  });

  it("v1 and v4 configurations are separate", async () => {
    await c.post("/v1/callback/set", cfg);
    expect((await c.post("/v4/call_config/get_callback")).ErrorCode).toBe(100301);
    expect((await c.control("GET", "/callbacks")).json).toEqual({ v1: cfg, v4: null });
    await c.post("/v1/callback/delete");
  });

  it.each([
    ["address without http(s)", { ...cfg, address: "hooks.example.test" }, 70001],
    ["missing address", { actions: cfg.actions }, 70001],
    ["missing actions", { address: cfg.address }, 70001],
    ["unknown action", { ...cfg, actions: ["call_end"] }, 70001],
    ["actions not an array", { ...cfg, actions: "normal_end" }, 70009],
    ["address of the wrong type", { ...cfg, address: 1 }, 70009],
  ])("%s → %i", async (_n, body, code) => {
    expect((await c.post("/v1/callback/set", body)).errorCode).toBe(code);
  });
});
