import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { GET } from "@/app/api/records/route";
import { upsertRecords } from "@/lib/sync/store";
import { quietPool } from "@/lib/sync/testing";
import { APP_DATABASES } from "@/test/databases";
import { requestAs } from "@/test/session";

import type { RecordsPage } from "./query";
import { syntheticRecords } from "./testing";

vi.setConfig({ testTimeout: 60_000 });

// Cursor paging through GET /api/records and its route wrapper: the same pages as page numbers
// over a quiet index, back and forth, and pinned to the index as the walk began.

const CALLS = syntheticRecords(37, { seed: 5, spanMs: 3600_000 });
const SORTS = ["-startedAt", "startedAt", "-ringSeconds", "talkSeconds", "-talkSeconds"];

describe.each(APP_DATABASES)("GET /api/records by cursor on $name", ({ open }) => {
  let handle: Awaited<ReturnType<typeof open>>;

  beforeAll(async () => {
    handle = quietPool(await open());
    await upsertRecords(handle.db, CALLS);
  });
  afterAll(async () => {
    await handle.dispose();
  });

  const get = async (query: string) => {
    const res = await GET(await requestAs("support", `/api/records?${query}`));
    return { status: res.status, body: (await res.json()) as RecordsPage & Record<string, never> };
  };
  const ids = (page: RecordsPage) => page.items.map((r) => r.callId);
  const withCursor = (base: string, cursor: string) =>
    `${base}&cursor=${encodeURIComponent(cursor)}`;

  it.each(SORTS)("sort=%s: forward and back give the numbered pages", async (sort) => {
    const base = `sort=${sort}&pageSize=5`;
    const numbered: string[][] = [];
    for (let p = 1; p <= 8; p++) numbered.push(ids((await get(`${base}&page=${p}`)).body));
    expect(numbered.flat()).toHaveLength(37);

    const forward: RecordsPage[] = [(await get(base)).body];
    while (forward.at(-1)!.nextCursor)
      forward.push((await get(withCursor(base, forward.at(-1)!.nextCursor!))).body);
    expect(forward.map(ids)).toEqual(numbered);
    expect(forward.map((p) => p.page)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(forward.every((p) => p.total === 37)).toBe(true);
    expect(forward[0]!.prevCursor).toBeNull();

    const back: RecordsPage[] = [forward.at(-1)!];
    while (back.at(-1)!.prevCursor)
      back.push((await get(withCursor(base, back.at(-1)!.prevCursor!))).body);
    expect(back.map(ids).reverse()).toEqual(numbered);
    expect(back.map((p) => p.page).reverse()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("continues a direct link to a numbered page by cursor", async () => {
    const page3 = (await get("pageSize=5&page=3")).body;
    const page4 = (await get("pageSize=5&page=4")).body;
    expect(page3.page).toBe(3);
    const next = (await get(withCursor("pageSize=5", page3.nextCursor!))).body;
    expect(next).toMatchObject({ page: 4, total: 37 });
    expect(ids(next)).toEqual(ids(page4));
    const prev = (await get(withCursor("pageSize=5", page3.prevCursor!))).body;
    expect(ids(prev)).toEqual(ids((await get("pageSize=5&page=2")).body));
  });

  it("leaves out calls indexed after the walk began, in pages and total", async () => {
    const first = (await get("sort=startedAt&pageSize=10")).body;
    const late = syntheticRecords(3, { seed: 9, spanMs: 3600_000, offset: 900 });
    await upsertRecords(handle.db, late);
    const seen = [...ids(first)];
    let page = first;
    while (page.nextCursor) {
      page = (await get(withCursor("sort=startedAt&pageSize=10", page.nextCursor))).body;
      expect(page.total).toBe(37);
      seen.push(...ids(page));
    }
    expect(seen.sort()).toEqual(CALLS.map((c) => c.callId).sort());
    expect((await get("sort=startedAt&pageSize=10")).body.total).toBe(40);
  });

  it.each([
    ["garbled", "bm90LWEtY3Vyc29y"],
    ["not base64url", "%%%"],
  ])("refuses a %s cursor with a 422 naming cursor", async (_, cursor) => {
    const { status, body } = await get(`cursor=${cursor}`);
    expect(status).toBe(422);
    expect((body.error as unknown as { message: string }).message).toMatch(/^cursor/);
  });

  it("refuses a cursor from another sort with a 422 naming cursor", async () => {
    const { nextCursor } = (await get("sort=talkSeconds&pageSize=5")).body;
    const { status, body } = await get(withCursor("sort=-startedAt", nextCursor!));
    expect(status).toBe(422);
    expect((body.error as unknown as { message: string }).message).toMatch(
      /^cursor: belongs to sort=talkSeconds/,
    );
  });
});
