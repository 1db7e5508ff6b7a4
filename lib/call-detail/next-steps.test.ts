import { describe, expect, it } from "vitest";

import { CLEARED_FILTERS, resolveRecordsQuery } from "@/lib/search-params";

import { callsAroundHref, nextStepLinks } from "./next-steps";

const params = (href: string) => new URL(href, "https://console.example.com").searchParams;

describe("callsAroundHref", () => {
  it("opens Records for the user, an hour either side of the start, in the zone it names", () => {
    const href = callsAroundHref("bob", "2026-12-06T14:02:07.000Z", "Europe/Berlin");
    expect(href.startsWith("/records?")).toBe(true);
    const p = params(href);
    expect(p.get("user")).toBe("bob");
    expect(p.get("around")).toBe("2026-12-06T15:02:07");
    expect(p.get("tz")).toBe("Europe/Berlin");
  });

  it("resolves to the same hour whatever the opener's own zone", () => {
    const p = params(callsAroundHref("bob", "2026-12-06T14:02:07.000Z", "Asia/Tokyo"));
    const state = {
      ...CLEARED_FILTERS,
      around: p.get("around"),
      user: p.get("user"),
      sort: "-startedAt",
      page: null,
      cursor: null,
      pageSize: null,
      tz: p.get("tz") ?? "local",
    };
    const { query, problems } = resolveRecordsQuery(state, Date.now(), "America/New_York");
    expect(problems).toEqual([]);
    expect(query.get("from")).toBe("2026-12-06T13:02:07.000Z");
    expect(query.get("to")).toBe("2026-12-06T15:02:07.000Z");
    expect(query.get("user")).toBe("bob");
  });

  it("keeps an odd user ID intact", () => {
    expect(params(callsAroundHref("a&b c", "2026-12-06T14:00:00.000Z", "UTC")).get("user")).toBe(
      "a&b c",
    );
  });
});

describe("nextStepLinks", () => {
  const call = { callees: ["bob", "carol"], startedAt: "2026-12-06T14:00:00.000Z" };

  it("gives one link per callee for the busy lookup", () => {
    const links = nextStepLinks("callee_calls_around_start", call, "UTC");
    expect(links.map((l) => l.label)).toEqual([
      "bob's calls around this call's start (± 1 h)",
      "carol's calls around this call's start (± 1 h)",
    ]);
    expect(params(links[0]!.href).get("around")).toBe("2026-12-06T14:00");
  });

  it("gives none without a lookup or a start time", () => {
    expect(nextStepLinks(undefined, call, "UTC")).toEqual([]);
    expect(nextStepLinks("callee_calls_around_start", { ...call, startedAt: null }, "UTC")).toEqual(
      [],
    );
  });
});
