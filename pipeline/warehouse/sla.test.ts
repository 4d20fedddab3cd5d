import { describe, expect, test } from "vitest";
import { alsaceMoselleHolidays, dueDate, isWorkingDay, slaCalendar } from "./sla.ts";

const holidays = alsaceMoselleHolidays([2025, 2026]);

describe("Alsace-Moselle holidays", () => {
  test.each([
    ["2026-04-03", true], // Good Friday 2026 (Easter Sunday is 5 April)
    ["2026-12-26", true], // Saint Stephen's day, local law
    ["2026-04-06", true], // Easter Monday
    ["2026-05-24", false], // Whit Sunday is only an observance
    ["2026-06-02", false],
  ])("%s is a public holiday: %s", (date, expected) => {
    expect(holidays.has(date)).toBe(expected);
  });
});

describe("dueDate", () => {
  test.each([
    // calendar: 15 days later, whatever the weekday
    ["2026-03-20", "calendar", "2026-04-04"],
    ["2026-12-20", "calendar", "2027-01-04"],
    // working, Thursday 2026-03-19: Fri 20 (1); Mon 23..Fri 27 (2-6); Mon 30, Tue 31, Wed 1, Thu 2 (7-10);
    // Fri 3 April Good Friday skipped; Mon 6 Easter Monday skipped; Tue 7..Fri 10 (11-14); Mon 13 (15)
    ["2026-03-19", "working", "2026-04-13"],
    // working, Monday 2026-06-01, no holiday: Tue 2..Fri 5 (1-4), Mon 8..Fri 12 (5-9), Mon 15..Fri 19 (10-14), Mon 22 (15)
    ["2026-06-01", "working", "2026-06-22"],
    // working, received on Saturday 2025-12-13: Mon 15..Fri 19 (1-5), Mon 22, Tue 23, Wed 24 (6-8), Thu 25 and Fri 26
    // skipped; Mon 29, Tue 30, Wed 31 (9-11), Thu 1 Jan skipped, Fri 2 (12), Mon 5, Tue 6, Wed 7 (13-15)
    ["2025-12-13", "working", "2026-01-07"],
  ] as const)("received %s, %s days → due %s", (date, mode, expected) => {
    expect(dueDate(date, mode, holidays)).toBe(expected);
  });

  test.each([
    ["2026-04-03", false],
    ["2026-04-04", false], // Saturday
    ["2026-04-07", true],
  ])("isWorkingDay(%s) = %s", (date, expected) => {
    expect(isWorkingDay(date, holidays)).toBe(expected);
  });

  test("slaCalendar lists every day of the range, bounds included", () => {
    expect(slaCalendar("2026-02-27", "2026-03-01", "calendar", holidays)).toEqual([
      { jour: "2026-02-27", jour_echeance: "2026-03-14" },
      { jour: "2026-02-28", jour_echeance: "2026-03-15" },
      { jour: "2026-03-01", jour_echeance: "2026-03-16" },
    ]);
  });
});
