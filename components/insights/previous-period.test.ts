import { createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";

import type { Distribution, Insights } from "@/lib/insights/types";

import { CoverageNote } from "./coverage-note";
import type * as FigureCards from "./figure-card";
import type { HrefFor } from "./figure-card";
import { OutcomeMix } from "./outcome-mix";
import { SegmentComparison } from "./segment-comparison";
import { SummaryCards } from "./summary-cards";
import { TopFailedUsers } from "./top-failed-users";

// The figure cards open calls through the router; rendering them needs none. A card shows its
// chart or its table; here both its words and its table are rendered, to be read as text.
vi.mock("next/navigation", () => ({ useRouter: () => ({ push: () => undefined }) }));
vi.mock("./figure-card", async (load) => ({
  ...(await load<typeof FigureCards>()),
  FigureCard: (props: { description?: ReactNode; summary: string; table: ReactNode }) =>
    createElement("div", null, props.description, " ", props.summary, " ", props.table),
}));

// What the page says about the previous period, as rendered HTML text: the headline cards show a
// change only when the index holds all of that period and it held enough calls to compare with,
// and a note says when the index starts after the range or its previous period does.

function distribution(count: number, previousCount: number): Distribution {
  return {
    count,
    p50: 12,
    p90: 22,
    previous: {
      count: previousCount,
      p50: previousCount ? 14 : null,
      p90: previousCount ? 20 : null,
    },
    histogram: [],
  };
}

// The index is complete from this instant on unless a test says otherwise: the whole range and
// its previous period (from 19 Nov) are covered.
const INDEXED_SINCE = "2026-11-01T00:00:00.000Z";

function insights(
  current: number,
  previous: number,
  completeFrom: string | null = INDEXED_SINCE,
): Insights {
  const rate = (total: number) => ({
    total,
    answered: Math.round(total * 0.6),
    answerRate: total ? Math.round(total * 0.6) / total : null,
    endedNormally: Math.round(total * 0.5),
  });
  return {
    range: {
      from: "2026-11-26T00:00:00.000Z",
      to: "2026-12-03T00:00:00.000Z",
      previousFrom: "2026-11-19T00:00:00.000Z",
      previousTo: "2026-11-26T00:00:00.000Z",
      tz: "UTC",
      bucket: "day",
    },
    filters: {},
    summary: { ...rate(current), previous: rate(previous) },
    results: [],
    series: [],
    segments: { callType: [], mediaType: [] },
    durations: { ring: distribution(current, previous), talk: distribution(current, previous) },
    failedResults: [],
    topFailedUsers: [],
    coverage: { completeFrom },
  };
}

const plain = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
const text = (data: Insights) =>
  plain(renderToStaticMarkup(createElement(SummaryCards, { data, hrefFor: () => null })));
const note = (data: Insights) => plain(renderToStaticMarkup(createElement(CoverageNote, { data })));

describe("summary cards against the previous period", () => {
  it("show the change when the previous period has enough calls", () => {
    const shown = text(insights(5010, 4000));
    expect(shown).toContain("Previous: 4,000 (+25%)");
    expect(shown).toContain("Previous: 60.0% (+0.0 pts)");
    expect(shown).toContain("(−14%)"); // ring p50: 12 s against 14 s
    expect(shown).not.toContain("too few");
  });

  it("say there are too few calls instead of a percentage off a handful", () => {
    const shown = text(insights(5010, 1));
    expect(shown).toContain("Previous: 1 (too few calls to compare)");
    expect(shown).not.toMatch(/\d%\)/);
    expect(shown).not.toContain("pts");
  });

  it("show no change at all when the previous period is empty", () => {
    const shown = text(insights(5010, 0));
    expect(shown).toContain("Previous: 0 ");
    expect(shown).not.toMatch(/\((?:[+−]|too few)/);
  });

  it("show no previous figure when the index starts inside the previous period, and say why", () => {
    const data = insights(5010, 4000, "2026-11-22T08:00:00.000Z");
    expect(text(data)).not.toContain("Previous");
    expect(text(data)).not.toContain("4,000");
    expect(note(data)).toContain(
      "The index holds every call from 22 Nov 2026, 08:00 (UTC) on. The previous period starts earlier, so it is only partly counted and no changes are shown.",
    );
  });

  it("say the previous period lies before the index when the index starts with the range", () => {
    const data = insights(5010, 0, "2026-11-26T00:00:00.000Z");
    expect(text(data)).not.toContain("Previous");
    expect(text(data)).not.toMatch(/\((?:[+−]|too few|partly)/);
    expect(note(data)).toContain("The previous period lies before that, so it is not counted");
  });

  it("take a range that starts within the minute before the index as covered (presets start on whole minutes)", () => {
    const data = insights(5010, 0, "2026-11-26T00:00:40.000Z");
    expect(note(data)).toContain("The previous period lies before that");
    expect(note(data)).not.toContain("This range starts earlier");
    expect(note(insights(5010, 0, "2026-11-26T00:01:01.000Z"))).toContain(
      "This range starts earlier, so its figures are partial",
    );
  });

  it("say nothing about coverage when the index holds both periods", () => {
    expect(note(insights(5010, 4000))).toBe("");
  });

  it("warn while the first backfill has not finished", () => {
    expect(note(insights(10, 0, null))).toContain("The index is still being filled");
  });
});

describe("figures beyond the cards when the previous period is not compared", () => {
  const partly = () => {
    const data = insights(5010, 4000, "2026-11-22T08:00:00.000Z");
    const segment = (key: string) => ({
      key,
      total: 100,
      answered: 60,
      answerRate: 0.6,
      endedNormally: 50,
      ring: { count: 100, p50: 10, p90: 20 },
      talk: { count: 60, p50: 30, p90: 90 },
      previous: {
        total: 80,
        answered: 40,
        answerRate: 0.5,
        endedNormally: 30,
        ring: { count: 80, p50: 11, p90: 21 },
        talk: { count: 40, p50: 31, p90: 91 },
      },
    });
    return {
      ...data,
      results: [{ result: "NormalEnd", count: 2505, previous: 1999 }],
      segments: { callType: [segment("single")], mediaType: [segment("audio")] },
      topFailedUsers: [{ userId: "bob", failed: 7, previous: 3 }],
      failedResults: ["Reject"],
    };
  };
  type Figure = (props: { data: Insights; hrefFor: HrefFor }) => ReactNode;
  const render = (component: Figure, data: Insights) =>
    plain(renderToStaticMarkup(createElement(component, { data, hrefFor: () => null })));

  it("leave out the previous columns of the outcome mix, segments and failed users", () => {
    const data = partly();
    for (const component of [OutcomeMix, TopFailedUsers]) {
      const html = render(component, data);
      expect(html).not.toContain("Previous");
      expect(html).not.toContain("1,999");
    }
    const segments = plain(
      renderToStaticMarkup(
        createElement(SegmentComparison, { data, dim: "callType", hrefFor: () => null }),
      ),
    );
    expect(segments).not.toMatch(/previous/i);
    expect(segments).toContain("1-to-1");
  });

  it("keep them when the previous period is wholly indexed", () => {
    const data = { ...partly(), coverage: { completeFrom: INDEXED_SINCE } };
    expect(render(OutcomeMix, data)).toContain("Previous period");
    expect(render(TopFailedUsers, data)).toContain("Previous period");
  });
});
