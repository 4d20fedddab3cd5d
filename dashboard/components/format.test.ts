import { describe, expect, test } from "vitest";
import {
  channelLabel,
  formatBytes,
  formatCount,
  formatDays,
  formatInteger,
  formatMonth,
  formatPercent,
  formatPeriod,
  formatRate,
  formatReleasePeriod,
  monthDate,
  NOT_DISCLOSED,
  notDisclosed,
  parseNumber,
  periodFirstMonth,
  thresholdFromPackage,
} from "./format.ts";

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

describe("cells, rates, delays, sizes and periods", () => {
  test.each([
    [null, 11, "non diffusé (< 11)"],
    [null, 5, "non diffusé (< 5)"],
    [0, 11, "0"],
    [2500, 11, `2${NNBSP}500`],
  ])("formatCount(%j, k=%d)", (n, k, expected) => {
    expect(formatCount(n, k)).toBe(expected);
  });

  test.each([
    [null, "non diffusé (< 11)"],
    [0, `0${NBSP}%`],
    [0.725, `73${NBSP}%`],
    [1, `100${NBSP}%`],
  ])("formatRate(%j)", (share, expected) => {
    expect(formatRate(share)).toBe(expected);
  });

  test.each([
    [null, "non diffusé (< 11)"],
    [10, `10${NBSP}j`],
    [6.54, `6,5${NBSP}j`],
    [20.75, `20,8${NBSP}j`],
  ])("formatDays(%j)", (days, expected) => {
    expect(formatDays(days)).toBe(expected);
  });

  test.each([
    [512, "512 octets"],
    [34_500, `34,5${NBSP}ko`],
    [1_234_567, `1,2${NBSP}Mo`],
  ])("formatBytes(%d)", (bytes, expected) => {
    expect(formatBytes(bytes)).toBe(expected);
  });

  test.each([
    ["2026-03", "mars 2026"],
    ["2026-T1", "1er trimestre 2026"],
    ["2025-T4", "4e trimestre 2025"],
    ["2026", "année 2026"],
    ["12_mois_glissants", "12 mois glissants"],
    ["autre", "autre"],
  ])("formatReleasePeriod(%s)", (period, expected) => {
    expect(formatReleasePeriod(period)).toBe(expected);
  });

  test.each([
    ["2026-03", "2026-03"],
    ["2026-T1", "2026-01"],
    ["2026-T4", "2026-10"],
    ["2026", null],
    ["12_mois_glissants", null],
  ])("periodFirstMonth(%s) = %j", (period, expected) => {
    expect(periodFirstMonth(period)).toBe(expected);
  });

  test.each([
    ["", null],
    ["  ", null],
    [undefined, null],
    ["0", 0],
    ["0.72", 0.72],
    ["abc", null],
  ])("parseNumber(%j) = %j: empty is suppressed, never zero", (raw, expected) => {
    expect(parseNumber(raw)).toBe(expected);
  });

  test.each([
    [{ secret_statistique: { seuil_k: 11 } }, 11],
    [{ secret_statistique: { seuil_k: 5 } }, 5],
    [{ secret_statistique: { seuil_k: "5" } }, 11],
    [{ secret_statistique: { seuil_k: 1 } }, 11],
    [{}, 11],
    [null, 11],
  ])("thresholdFromPackage(%j) = %d", (pkg, k) => {
    expect(thresholdFromPackage(pkg as never)).toBe(k);
  });

  test("notDisclosed spells the threshold", () => {
    expect(notDisclosed(5)).toBe("non diffusé (< 5)");
  });
});
