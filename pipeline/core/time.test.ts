import { describe, expect, test } from "vitest";
import { parisDate, parisToUtc, parseFrenchOrIsoDateTime, toUtcInstant } from "./time.ts";

const iso = (r: ReturnType<typeof parisToUtc>) => (r.ok ? toUtcInstant(r.epochMs) : r.error);

describe("Europe/Paris to UTC", () => {
  test.each([
    // winter: UTC+1
    [[2026, 1, 15, 10, 30, 0], "2026-01-15T09:30:00Z"],
    // summer: UTC+2
    [[2026, 7, 14, 22, 0, 0], "2026-07-14T20:00:00Z"],
    // last Sunday of March 2026 is the 29th: 02:00–02:59 does not exist
    [[2026, 3, 29, 2, 30, 0], "dst_gap"],
    [[2026, 3, 29, 1, 59, 0], "2026-03-29T00:59:00Z"],
    [[2026, 3, 29, 3, 0, 0], "2026-03-29T01:00:00Z"],
    // last Sunday of October 2026 is the 25th: 02:30 happens twice, first occurrence (UTC+2) kept
    [[2026, 10, 25, 2, 30, 0], "2026-10-25T00:30:00Z"],
    [[2026, 10, 25, 3, 30, 0], "2026-10-25T02:30:00Z"],
    // not a date
    [[2026, 2, 30, 10, 0, 0], "invalid"],
    [[2026, 13, 1, 10, 0, 0], "invalid"],
  ] as [number[], string][])("%j → %s", (fields, expected) => {
    const [y, m, d, hh, mm, ss] = fields as [number, number, number, number, number, number];
    expect(iso(parisToUtc(y, m, d, hh, mm, ss))).toBe(expected);
  });
});

describe("French and ISO date-times", () => {
  test.each([
    ["04/03/2026 09:12", "2026-03-04T08:12:00Z"],
    ["4/3/2026 9h12", "2026-03-04T08:12:00Z"],
    ["04/07/2026 09:12:30", "2026-07-04T07:12:30Z"],
    ["2026-07-04 09:12", "2026-07-04T07:12:00Z"],
    ["2026-07-04T09:12:00+02:00", "2026-07-04T07:12:00Z"],
    ["2026-07-04T07:12:00Z", "2026-07-04T07:12:00Z"],
    ["29/03/2026 02:15", "dst_gap"],
    ["31/04/2026 10:00", "invalid"],
    ["hier", "invalid"],
  ])("%s → %s", (text, expected) => {
    expect(iso(parseFrenchOrIsoDateTime(text))).toBe(expected);
  });

  test("the Paris calendar date of a late-evening UTC instant is the next day", () => {
    expect(parisDate(Date.parse("2026-06-30T22:30:00Z"))).toBe("2026-07-01");
  });
});

describe("toUtcInstant agrees with the general ISO formatting (seconds truncated)", () => {
  const general = (ms: number) => `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`;
  test.each([
    [0, "1970-01-01T00:00:00Z"],
    [Date.UTC(2026, 2, 29, 0, 59, 59, 999), "2026-03-29T00:59:59Z"],
    [Date.UTC(2024, 1, 29, 23, 0, 0), "2024-02-29T23:00:00Z"],
    [-1, "1969-12-31T23:59:59Z"],
    [Date.UTC(1999, 11, 31, 23, 59, 59, 500), "1999-12-31T23:59:59Z"],
  ])("%d → %s", (ms, want) => {
    expect(toUtcInstant(ms)).toBe(want);
    expect(general(ms)).toBe(want);
  });

  test("on pseudo-random instants from 1900 to 2100 and outside years 0000–9999", () => {
    const disagreements: number[] = [];
    let seed = 7;
    for (let i = 0; i < 20_000; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const ms = Date.UTC(1900, 0, 1) + (seed / 2 ** 31) * (Date.UTC(2100, 0, 1) - Date.UTC(1900, 0, 1)) + (seed % 1000);
      if (toUtcInstant(ms) !== general(ms)) disagreements.push(ms);
    }
    for (const ms of [Date.UTC(10000, 0, 1, 5, 6, 7), Date.UTC(-1, 11, 31, 23, 59, 59), -62_198_755_200_001])
      if (toUtcInstant(ms) !== general(ms)) disagreements.push(ms);
    expect(disagreements).toEqual([]);
  });
});
