import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import type { Distribution, Insights } from "@/lib/insights/types";

import { CoverageNote } from "./coverage-note";
import { SummaryCards } from "./summary-cards";

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

  it("name the previous period partly indexed when the index starts inside it, and say why", () => {
    const data = insights(5010, 4000, "2026-11-22T08:00:00.000Z");
    expect(text(data)).toContain("Previous: 4,000 (partly indexed)");
    expect(text(data)).not.toMatch(/\d%\)/);
    expect(note(data)).toContain(
      "The index holds every call from 22 Nov 2026, 08:00 (UTC) on. The previous period starts earlier, so it is only partly counted and no changes are shown.",
    );
  });

  it("say the previous period lies before the index when the index starts with the range", () => {
    const data = insights(5010, 0, "2026-11-26T00:00:00.000Z");
    expect(text(data)).toContain("Previous: 0 ");
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
