import { describe, expect, it } from "vitest";
import { ZodError } from "zod";

import { clientFor, control, scriptCall, sharedEmulator, upstreamLines } from "./testing";

// Record operations (v4, v1 and both) against the emulator over real HTTP.

const emu = sharedEmulator();

const iso = (ms: number | null) =>
  ms === null ? null : new Date(Math.floor(ms / 1000) * 1000).toISOString();

describe("getRecord", () => {
  it("merges the v1 and v4 copies of one call into one record with both sources", async () => {
    const call = await scriptCall(emu, {
      caller: "alice",
      callees: ["bob", "carol"],
      callType: "group",
      result: "NormalEnd",
      roomId: "4711",
      acceptAfterMs: 3000,
      endAfterMs: 90_000,
    });
    const truth = (await control(emu, "GET", `calls/${call.callId}`)) as {
      startedAt: number;
      acceptedAt: number;
      endedAt: number;
    };
    const { client } = clientFor(emu);
    const got = await client.getRecord(call.callId);
    expect(got.record).toEqual({
      callId: call.callId,
      result: "NormalEnd",
      mediaType: "audio",
      callType: "group",
      caller: "alice",
      callees: ["bob", "carol"],
      startedAt: iso(truth.startedAt),
      acceptedAt: iso(truth.acceptedAt),
      endedAt: iso(truth.endedAt),
      roomId: "4711",
      roomIdType: 1,
      chatGroupId: null,
      sources: ["v4", "v1"],
    });
    expect(got.parts).toEqual([
      { generation: "v4", found: true, requestId: expect.stringMatching(/^Id-/) },
      { generation: "v1", found: true, requestId: expect.stringMatching(/^[0-9a-f]{32}$/) },
    ]);
    expect(got.requestIds).toHaveLength(2);
    expect(got.raw.v4).toMatchObject({
      ErrorCode: 0,
      Response: { CallRecord: { CallId: call.callId } },
    });
    expect(got.raw.v1).toMatchObject({ errorCode: 0, data: { callId: call.callId } });
  });

  it("finds a call that only one generation has, and says which", async () => {
    const v1Only = await scriptCall(emu, {
      caller: "dan",
      callees: ["eve"],
      result: "Reject",
      generations: ["v1"],
    });
    const { client } = clientFor(emu);
    const got = await client.getRecord(v1Only.callId);
    expect(got.record).toMatchObject({
      callId: v1Only.callId,
      result: "Reject",
      sources: ["v1"],
      acceptedAt: null,
      roomIdType: null,
    });
    expect(got.parts.map((p) => [p.generation, p.found])).toEqual([
      ["v4", false],
      ["v1", true],
    ]);
  });

  it("reads only the configured generation", async () => {
    const call = await scriptCall(emu, { caller: "alice", callees: ["bob"], result: "CallBusy" });
    const v4 = clientFor(emu, { recordsApi: "v4" });
    const v1 = clientFor(emu, { recordsApi: "v1" });
    expect((await v4.client.getRecord(call.callId)).record?.sources).toEqual(["v4"]);
    expect((await v1.client.getRecord(call.callId)).record).toMatchObject({
      sources: ["v1"],
      result: "CallBusy",
    });
    expect(upstreamLines(v4.log.lines).map((l) => l.generation)).toEqual(["v4"]);
    expect(upstreamLines(v1.log.lines).map((l) => l.generation)).toEqual(["v1"]);
  });

  it("answers not found (not an error) when no generation has the call", async () => {
    const { client, log } = clientFor(emu);
    const got = await client.getRecord("7f3c2a90-0000-0000-0000-000000000000");
    expect(got.record).toBeNull();
    expect(got.parts).toEqual([
      { generation: "v4", found: false, requestId: expect.any(String) },
      { generation: "v1", found: false, requestId: expect.any(String) },
    ]);
    // An answer, not a failure: logged at info (30) with Tencent's code, never as a warning.
    const lines = upstreamLines(log.lines, "getRecord");
    expect(lines.map((l) => [l.generation, l.code, l.level]).sort()).toEqual([
      ["v1", 70001, 30],
      ["v4", 101050, 30],
    ]);
  });

  it("keeps the record from one generation when the other fails, and reports the failure", async () => {
    const call = await scriptCall(emu, { caller: "alice", callees: ["bob"] });
    await control(emu, "POST", "faults", { http502Rate: 1, onlyPaths: ["/v1/"] });
    const { client } = clientFor(emu);
    const got = await client.getRecord(call.callId);
    expect(got.record?.sources).toEqual(["v4"]);
    expect(got.parts[1]).toMatchObject({
      generation: "v1",
      found: false,
      error: { code: "HTTP_STATUS", generation: "v1" },
    });
  });

  it("throws when nothing was found and a generation failed (not-found would be a guess)", async () => {
    await control(emu, "POST", "faults", { http502Rate: 1, onlyPaths: ["/v4/"] });
    const { client } = clientFor(emu);
    await expect(client.getRecord("nothing-here")).rejects.toMatchObject({
      code: "HTTP_STATUS",
      httpStatus: 502,
      generation: "v4",
    });
  });
});

describe("listRecordsPage", () => {
  it.each(["v4", "v1"] as const)(
    "pages through %s records matching the emulator's ground truth",
    async (generation) => {
      const now = Date.now();
      const from = new Date(now - 2 * 86_400_000);
      const to = new Date(now);
      const truth = (await control(
        emu,
        "GET",
        `calls?from=${from.getTime()}&to=${to.getTime()}&limit=10000`,
      )) as {
        calls: {
          callId: string;
          generations: string[];
          recordVisible: boolean;
          startedAt: number;
        }[];
      };
      const expected = truth.calls
        .filter((c) => c.generations.includes(generation) && c.recordVisible)
        .map((c) => c.callId)
        .sort();
      const { client } = clientFor(emu);
      const seen: string[] = [];
      let total = -1;
      for (let page = 1; page < 50; page++) {
        const res = await client.listRecordsPage({ generation, from, to, page, pageSize: 7 });
        total = res.total;
        expect(res.page).toBe(page);
        expect(res.requestId).toEqual(expect.any(String));
        for (const r of res.items) {
          expect(r.sources).toEqual([generation]);
          expect(r.callees).not.toContain(r.caller);
        }
        seen.push(...res.items.map((r) => r.callId));
        if (res.items.length < 7) break;
      }
      expect(total).toBe(expected.length);
      expect(seen.sort()).toEqual(expected);
    },
  );

  it.each(["v4", "v1"] as const)(
    "filters %s by result and call type using canonical names",
    async (generation) => {
      const a = await scriptCall(emu, { caller: "fx1", callees: ["fy1"], result: "NotAnswer" });
      await scriptCall(emu, {
        caller: "fx2",
        callees: ["fy2", "fy3"],
        result: "NormalEnd",
        callType: "group",
      });
      const { client } = clientFor(emu);
      const res = await client.listRecordsPage({
        generation,
        from: new Date(Date.now() - 3_600_000),
        to: new Date(),
        result: "NotAnswer",
        callType: "single",
        pageSize: 100,
      });
      expect(res.items.length).toBeGreaterThan(0);
      expect(res.items.every((r) => r.result === "NotAnswer" && r.callType === "single")).toBe(
        true,
      );
      expect(res.items.map((r) => r.callId)).toContain(a.callId);
    },
  );

  it("returns an empty page past the end with the requested page number", async () => {
    const { client } = clientFor(emu);
    const res = await client.listRecordsPage({
      generation: "v4",
      from: new Date(Date.now() - 3_600_000),
      to: new Date(),
      page: 999,
      pageSize: 100,
    });
    expect(res.items).toEqual([]);
    expect(res.page).toBe(999);
  });

  it("rejects bad input naming the field", async () => {
    const { client } = clientFor(emu);
    const error = (await client
      .listRecordsPage({
        generation: "v4",
        from: new Date(),
        to: new Date(Date.now() - 1000),
        page: 0,
        pageSize: 1000,
      })
      .catch((e: unknown) => e)) as ZodError;
    expect(error).toBeInstanceOf(ZodError);
    expect(error.issues.map((i) => i.path.join(".")).sort()).toEqual(["page", "pageSize", "to"]);
  });
});
