import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import type { Distribution, Insights } from "@/lib/insights/types";

import { SummaryCards } from "./summary-cards";

// What the headline cards say beside each figure about the previous period, as rendered HTML
// text: a change only when the previous period held enough calls to compare with.

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

function insights(current: number, previous: number): Insights {
  const rate = (total: number) => ({
    total,
    answered: Math.round(total * 0.6),
    answerRate: total ? Math.round(total * 0.6) / total : null,
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
  };
}

const text = (data: Insights) =>
  renderToStaticMarkup(createElement(SummaryCards, { data, hrefFor: () => null }))
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");

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
});
