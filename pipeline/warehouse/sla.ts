/**
 * The SLA calendar (pure): which Europe/Paris calendar day a report received on a given day is due.
 * Calendar mode adds 15 days; working mode counts 15 working days after the reception day,
 * skipping weekends and Alsace-Moselle public holidays (Good Friday and 26 December included).
 */
import Holidays from "date-holidays";
import { z } from "zod";

/** How the 15-day commitment is counted. */
export const slaModeSchema = z.enum(["calendar", "working"]);
export type SlaMode = z.infer<typeof slaModeSchema>;

/** The commitment: a report is due 15 days after reception. */
export const SLA_DAYS = 15;

/** Public holidays (`YYYY-MM-DD`) of Alsace-Moselle (France, Bas-Rhin) for the given years. */
export function alsaceMoselleHolidays(years: readonly number[]): Set<string> {
  const calendar = new Holidays("FR", "67");
  const out = new Set<string>();
  for (const year of years) {
    for (const holiday of calendar.getHolidays(year)) {
      if (holiday.type === "public") out.add(holiday.date.slice(0, 10));
    }
  }
  return out;
}

/** Adds `n` days to a calendar date `YYYY-MM-DD`. */
export function addDays(date: string, n: number): string {
  const epoch = Date.parse(`${date}T00:00:00Z`) + n * 86_400_000;
  return new Date(epoch).toISOString().slice(0, 10);
}

/** True when the date is neither a Saturday, a Sunday nor a listed public holiday. */
export function isWorkingDay(date: string, holidays: ReadonlySet<string>): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(date);
}

/** The calendar date on which a report received on `date` is due. */
export function dueDate(date: string, mode: SlaMode, holidays: ReadonlySet<string>, days = SLA_DAYS): string {
  if (mode === "calendar") return addDays(date, days);
  let current = date;
  let counted = 0;
  while (counted < days) {
    current = addDays(current, 1);
    if (isWorkingDay(current, holidays)) counted += 1;
  }
  return current;
}

/** One row of the calendar table loaded into the warehouse. */
export interface SlaCalendarRow {
  jour: string;
  jour_echeance: string;
}

/** The due date of every day from `first` to `last` inclusive (holidays must cover the years spanned, plus one). */
export function slaCalendar(first: string, last: string, mode: SlaMode, holidays: ReadonlySet<string>): SlaCalendarRow[] {
  const rows: SlaCalendarRow[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) rows.push({ jour: day, jour_echeance: dueDate(day, mode, holidays) });
  return rows;
}
