import { expect, test } from "vitest";
import { parisDate } from "../core/time.ts";
import { minuteCachedParisDate } from "./parisDay.ts";

test.each([
  ["midnight in winter (UTC+1)", "2026-01-14T22:59:59.999Z", "2026-01-14", "2026-01-14T23:00:00.000Z", "2026-01-15"],
  ["midnight in summer (UTC+2)", "2026-07-14T21:59:59.999Z", "2026-07-14", "2026-07-14T22:00:00.000Z", "2026-07-15"],
  ["spring DST change day", "2026-03-28T22:59:30.000Z", "2026-03-28", "2026-03-28T23:00:00.000Z", "2026-03-29"],
  ["autumn DST change day", "2026-10-24T21:59:59.000Z", "2026-10-24", "2026-10-24T22:00:00.000Z", "2026-10-25"],
])("%s: the cached date changes exactly at Paris midnight", (_name, before, dayBefore, after, dayAfter) => {
  const date = minuteCachedParisDate();
  expect(date(Date.parse(before))).toBe(dayBefore);
  expect(date(Date.parse(after))).toBe(dayAfter);
  // Going back in time recomputes too.
  expect(date(Date.parse(before))).toBe(dayBefore);
});

test("agrees with parisDate every 7 minutes over a year, in order and out of order", () => {
  const date = minuteCachedParisDate();
  const start = Date.parse("2026-01-01T00:00:30Z");
  for (let t = start; t < start + 366 * 86_400_000; t += 7 * 60_000 + 1_000) {
    expect(date(t)).toBe(parisDate(t));
    expect(date(t + 17_000)).toBe(parisDate(t + 17_000));
  }
});
