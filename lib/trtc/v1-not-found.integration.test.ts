import { describe, expect, it } from "vitest";

import { V1_RECORD_BY_ID } from "./records";
import { clientFor, control, scriptCall, sharedEmulator, upstreamLines } from "./testing";

// v1's not-found code is undocumented (reference §6.5). Under any reading, an unknown call reads as
// "not found" and a real failure as a failure, over real HTTP to the emulator.

const emu = sharedEmulator();

const unknownCall = "5b0e8c1d-0000-4000-8000-000000000001";
const v1Fault = (errorCode: number) =>
  control(emu, "POST", "faults", { errorRate: 1, errorCode, onlyPaths: [V1_RECORD_BY_ID] });

describe("v1 lookups under another not-found code", () => {
  it("read an unknown call as not found, and ask Tencent which code that is only once", async () => {
    await control(emu, "POST", "readings", { v1NotFoundCode: 70404 });
    const v4Only = await scriptCall(emu, { caller: "ann", callees: ["ben"], generations: ["v4"] });
    const { client, log } = clientFor(emu);

    const missing = await client.getRecord(unknownCall);
    expect(missing.record).toBeNull();
    expect(missing.parts.map((p) => [p.generation, p.found, p.error])).toEqual([
      ["v4", false, undefined],
      ["v1", false, undefined],
    ]);
    const found = await client.getRecord(v4Only.callId);
    expect(found.record?.sources).toEqual(["v4"]);
    expect(found.parts[1]).toEqual({
      generation: "v1",
      found: false,
      requestId: expect.any(String),
    });

    // One filter page, one known call, one made-up ID: asked once, not per lookup.
    const asked = upstreamLines(log.lines).filter((l) => l.operation !== "getRecord");
    expect(asked.map((l) => [l.operation, l.code])).toEqual([
      ["listRecordsPage", 0],
      ["learnNotFound", 0],
      ["learnNotFound", 70404],
    ]);
    // Once known, the code is an answer: not retried, logged at info.
    const v1Lookups = upstreamLines(log.lines, "getRecord").filter((l) => l.generation === "v1");
    expect(v1Lookups.at(-1)).toMatchObject({ code: 70404, attempt: 1, level: 30 });
  });

  it("still read 70001 as a refused parameter once v1 has shown another not-found code", async () => {
    await control(emu, "POST", "readings", { v1NotFoundCode: 70404 });
    const v4Only = await scriptCall(emu, { caller: "cid", callees: ["dee"], generations: ["v4"] });
    const { client } = clientFor(emu);
    await client.getRecord(unknownCall);
    await v1Fault(70001);
    const got = await client.getRecord(v4Only.callId);
    expect(got.record?.sources).toEqual(["v4"]);
    expect(got.parts[1]).toMatchObject({ generation: "v1", found: false, error: { code: 70001 } });
  });
});

describe("v1 lookups failing for every call", () => {
  it("are never read as not found, even when v1 answers one code for all of them", async () => {
    await v1Fault(99999);
    const { client } = clientFor(emu);
    await expect(client.getRecord(unknownCall)).rejects.toMatchObject({
      generation: "v1",
      code: 99999,
    });
  });
});
