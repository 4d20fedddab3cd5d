import { describe, expect, test } from "vitest";
import { channelLabel, formatInteger, formatMonth, formatPercent, formatPeriod, monthDate, NOT_DISCLOSED } from "./format.ts";

const NNBSP = "\u202f"; // narrow no-break space: French thousands separator
const NBSP = "\u00a0"; // no-break space, before % in ICU's French percent format

describe("French formatting", () => {
  test.each([
    [0, "0"],
    [108, "108"],
    [12345, `12${NNBSP}345`],
    [1234567, `1${NNBSP}234${NNBSP}567`],
  ])("formatInteger(%d)", (n, expected) => {
    expect(formatInteger(n)).toBe(expected);
  });

  test("formatPercent rounds to a whole percent", () => {
    expect(formatPercent(71 / 108)).toBe(`66${NBSP}%`);
  });

  test("months and periods in words", () => {
    expect(monthDate("2026-03").toISOString()).toBe("2026-03-01T00:00:00.000Z");
    expect(formatMonth("2026-12")).toBe("décembre 2026");
    expect(formatPeriod("2026-01", "2026-03")).toBe("de janvier 2026 à mars 2026");
    expect(formatPeriod("2026-02", "2026-02")).toBe("février 2026");
  });

  test.each([
    ["web", "Web"],
    ["app", "Application"],
    ["telephone", "Téléphone"],
    ["courriel", "Courriel"],
    ["guichet", "guichet"],
  ])("channelLabel(%s)", (code, label) => {
    expect(channelLabel(code)).toBe(label);
  });

  test("a suppressed cell reads as not disclosed, with the threshold", () => {
    expect(NOT_DISCLOSED).toBe("non diffusé (< 11)");
  });
});
