import { describe, expect, test } from "vitest";
import { parisParts, parisToUtc } from "../core/time.ts";
import { frenchDateTime, fromParis, isoWithOffset, lastSunday, mboxDate, rfc5322Date, toParis } from "./paris-clock.ts";
import { createRng } from "./prng.ts";

describe("fast Paris clock", () => {
  test.each([
    [2026, 3, 29],
    [2026, 10, 25],
    [2025, 3, 30],
    [2025, 10, 26],
    [2024, 3, 31],
    [2024, 10, 27],
  ])("last Sunday of %i-%i is the %i", (year, month, day) => {
    expect(lastSunday(year, month)).toBe(day);
  });

  test.each([
    // [local y, m, d, h, min, expected UTC ISO or null]
    [2026, 3, 4, 9, 12, "2026-03-04T08:12:00.000Z"],
    [2026, 7, 14, 9, 12, "2026-07-14T07:12:00.000Z"],
    [2026, 3, 29, 1, 59, "2026-03-29T00:59:00.000Z"],
    [2026, 3, 29, 2, 0, null],
    [2026, 3, 29, 2, 59, null],
    [2026, 3, 29, 3, 0, "2026-03-29T01:00:00.000Z"],
    [2026, 10, 25, 2, 30, "2026-10-25T00:30:00.000Z"],
    [2026, 10, 25, 3, 0, "2026-10-25T02:00:00.000Z"],
    [2026, 12, 31, 23, 59, "2026-12-31T22:59:00.000Z"],
  ])("fromParis(%i-%i-%i %i:%i) = %s", (y, m, d, h, min, expected) => {
    const epoch = fromParis(y, m, d, h, min);
    expect(epoch === null ? null : new Date(epoch).toISOString()).toBe(expected);
  });

  test.each([
    [
      Date.UTC(2026, 2, 4, 8, 12),
      "2026-03-04T09:12:00+01:00",
      "04/03/2026 09:12:00",
      "Wed, 04 Mar 2026 09:12:00 +0100",
      "Wed Mar  4 08:12:00 2026",
    ],
    [
      Date.UTC(2026, 6, 14, 22, 5, 7),
      "2026-07-15T00:05:07+02:00",
      "15/07/2026 00:05:07",
      "Wed, 15 Jul 2026 00:05:07 +0200",
      "Tue Jul 14 22:05:07 2026",
    ],
  ])("formats %i", (epoch, iso, fr, rfc, mbox) => {
    expect(isoWithOffset(epoch)).toBe(iso);
    expect(frenchDateTime(epoch)).toBe(fr);
    expect(rfc5322Date(epoch)).toBe(rfc);
    expect(mboxDate(epoch)).toBe(mbox);
  });

  test("agrees with the Intl-based core clock on 20 000 random instants and local times (2024–2027)", () => {
    const rng = createRng(7);
    const lo = Date.UTC(2024, 0, 1);
    const hi = Date.UTC(2028, 0, 1);
    for (let i = 0; i < 20_000; i++) {
      const epoch = lo + Math.floor((rng.next() * (hi - lo)) / 1000) * 1000;
      const fast = toParis(epoch);
      const p = (n: number) => String(n).padStart(2, "0");
      const parts = parisParts(epoch);
      expect(frenchDateTime(epoch)).toBe(
        `${p(parts.day)}/${p(parts.month)}/${parts.year} ${p(parts.hour)}:${p(parts.minute)}:${p(parts.second)}`,
      );
      const { year, month, day, hour, minute, second } = parisParts(epoch);
      expect([fast.year, fast.month, fast.day, fast.hour, fast.minute, fast.second]).toEqual([year, month, day, hour, minute, second]);
      const core = parisToUtc(year, month, day, hour, minute, second);
      expect(fromParis(year, month, day, hour, minute, second)).toBe(core.ok ? core.epochMs : null);
    }
  });
});
