import { describe, expect, it, vi } from "vitest";

import { createRecentUsers, type RecentUsersOptions } from "@/lib/auth/recent-users";

// The per-process memory behind the session check: how old an answer may be, and when it reads.
function setup(overrides: Partial<RecentUsersOptions> = {}) {
  let clock = 0;
  const db = new Map<string, string>([["u1", "support"]]);
  const load = vi.fn((id: string) => Promise.resolve(db.get(id)));
  const onBackgroundError = vi.fn();
  const find = createRecentUsers(load, {
    refreshAfterMs: 1_000,
    maxAgeMs: 5_000,
    maxEntries: 10,
    now: () => clock,
    onBackgroundError,
    ...overrides,
  });
  const tick = (ms: number) => (clock += ms);
  return { find, load, db, tick, onBackgroundError };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe("createRecentUsers", () => {
  it("answers from memory for a second without reading again", async () => {
    const { find, load, tick } = setup();
    expect(await find("u1")).toBe("support");
    tick(999);
    expect(await find("u1")).toBe("support");
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("after a second serves the remembered answer once and re-reads in the background", async () => {
    const { find, load, db, tick } = setup();
    await find("u1");
    db.set("u1", "admin");
    tick(1_500);
    expect(await find("u1")).toBe("support");
    await settle();
    expect(load).toHaveBeenCalledTimes(2);
    expect(await find("u1")).toBe("admin");
  });

  it("never serves an answer whose read started 5 s ago or more", async () => {
    const { find, db, tick } = setup();
    await find("u1");
    db.delete("u1");
    tick(5_000);
    expect(await find("u1")).toBeUndefined();
  });

  it("shares one read between concurrent requests for the same id", async () => {
    const { find, load } = setup();
    const answers = await Promise.all([find("u1"), find("u1"), find("u1")]);
    expect(answers).toEqual(["support", "support", "support"]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("with maxAgeMs 0 reads on every request", async () => {
    const { find, load } = setup({ maxAgeMs: 0 });
    await find("u1");
    await find("u1");
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("keeps at most maxEntries ids, dropping the least recently read", async () => {
    const { find, load } = setup({ maxEntries: 2 });
    await find("a");
    await find("b");
    await find("c");
    expect(load).toHaveBeenCalledTimes(3);
    await find("c");
    await find("b");
    expect(load).toHaveBeenCalledTimes(3);
    await find("a");
    expect(load).toHaveBeenCalledTimes(4);
  });

  it("a failed background read is reported and the next request reads again itself", async () => {
    const { find, load, tick, onBackgroundError } = setup();
    await find("u1");
    load.mockRejectedValueOnce(new Error("db down"));
    tick(1_500);
    expect(await find("u1")).toBe("support");
    await settle();
    expect(onBackgroundError).toHaveBeenCalledWith(expect.objectContaining({ message: "db down" }));
    load.mockRejectedValueOnce(new Error("still down"));
    await expect(find("u1")).rejects.toThrow("still down");
  });

  it("forgets an id at once, and a read already under way does not bring it back", async () => {
    const { find, load, db } = setup();
    expect(await find("u1")).toBe("support");
    let release: (v: string | undefined) => void = () => {};
    load.mockImplementationOnce(() => new Promise((r) => (release = r)));
    db.set("u1", "revoked");
    find.forget("u1");
    const slow = find("u1");
    find.forget("u1");
    release("stale");
    expect(await slow).toBe("stale");
    // The answer of the read that started before the second forget() was not remembered.
    expect(await find("u1")).toBe("revoked");
  });
});
