import { describe, expect, it } from "vitest";

import { deferrableIndexes, indexesDeferredOn } from "./bulk-load";

describe("indexes a bulk load builds at its end", () => {
  it("PGlite defers every plain read index of the record index", () => {
    const names = indexesDeferredOn("pglite").map((i) => i.name);
    expect(names).toEqual(deferrableIndexes().map((i) => i.name));
    expect(names).toContain("indexed_calls_started_call_idx");
    expect(names).toContain("indexed_calls_first_xid_idx");
    expect(names).toHaveLength(9);
  });

  it("PostgreSQL defers only those led by a user or room ID, which take rows in random order", () => {
    expect(indexesDeferredOn("pg").map((i) => i.name)).toEqual([
      "indexed_calls_caller_idx",
      "indexed_calls_room_idx",
    ]);
  });
});
