import { describe, expect, it } from "vitest";

import { consoleLinkTarget } from "./console-link";
import { searchTarget, suggestsUsers } from "./search-target";

const ORIGIN = "http://127.0.0.1:3000";
const A = "7f3c2a90-5b1e-4c2d-9a8e-0c1d2e3f4a5b";

describe("consoleLinkTarget", () => {
  it.each([
    [
      `${ORIGIN}/records?user=bob&from=2026-11-19T00:00#top`,
      "/records?user=bob&from=2026-11-19T00:00#top",
    ],
    [`${ORIGIN}/users/bob%20li?range=yesterday`, "/users/bob%20li?range=yesterday"],
    [`${ORIGIN}/insights?bucket=hour`, "/insights?bucket=hour"],
    [`${ORIGIN}/live`, "/live"],
    [`${ORIGIN}/calls/${A}`, `/calls/${A}`],
    [`${ORIGIN}/`, "/"],
    ["/records?result=Cancel", "/records?result=Cancel"],
    ["  /users/bob  ", "/users/bob"],
  ])("%s → %s", (link, path) => {
    expect(consoleLinkTarget(link, ORIGIN)).toBe(path);
  });

  it.each([
    ["another origin", `https://elsewhere.example.com/records?user=bob`],
    ["another port", "http://127.0.0.1:4000/records"],
    ["a protocol-relative link", "//127.0.0.1:3000/records"],
    ["a page the console does not have", `${ORIGIN}/api/records?user=bob`],
    ["a call ID", A],
    ["prose with a link", `see ${ORIGIN}/records`],
    ["a javascript: URL", "javascript:alert(1)"],
  ])("refuses %s", (_, text) => {
    expect(consoleLinkTarget(text, ORIGIN)).toBeNull();
  });
});

describe("searchTarget", () => {
  it.each([
    [`${ORIGIN}/records?user=bob`, "/records?user=bob"],
    ["/live", "/live"],
    [A, `/calls/${A}`],
    ["bob", "/users?q=bob"],
    ["user: bob li", "/users/bob%20li"],
    ["room:88", "/records?room=88"],
    [
      `https://other.example.com/calls/${A}`,
      `/calls?q=${encodeURIComponent(`https://other.example.com/calls/${A}`)}`,
    ],
    [`calls ${A} and x`, `/calls?q=${encodeURIComponent(`calls ${A} and x`)}`],
  ])("%s → %s", (text, path) => {
    expect(searchTarget(text, ORIGIN)).toBe(path);
  });
});

describe("suggestsUsers", () => {
  it("offers users for one short word only", () => {
    expect(suggestsUsers("bob")).toBe(true);
    expect(suggestsUsers("1380013")).toBe(true);
    expect(suggestsUsers(A)).toBe(false);
    expect(suggestsUsers("/records")).toBe(false);
    expect(suggestsUsers(`${ORIGIN}/live`)).toBe(false);
    expect(suggestsUsers("bob li")).toBe(false);
    expect(suggestsUsers("user:bob")).toBe(false);
    expect(suggestsUsers("b".repeat(65))).toBe(false);
    expect(suggestsUsers("  ")).toBe(false);
  });
});
