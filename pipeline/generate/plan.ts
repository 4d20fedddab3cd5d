/** Which months a run covers and how many reports each receives. Pure. */
import { daysInMonth } from "../core/time.ts";
import { fromParis } from "./paris-clock.ts";

/** One month of a run. */
export interface MonthPlan {
  year: number;
  month: number;
  /** `YYYYMM`, used in ids. */
  key: string;
  /** Last day of the month that receives records (the --end day in the last month). */
  lastDay: number;
  /** First instant after the month's records (next Paris midnight after lastDay). */
  endMs: number;
  /** First instant after the whole run: nothing happens at or after it. */
  runEndMs: number;
  reportCount: number;
}

/** Paris midnight at the start of a calendar day (never in a DST gap: transitions happen at 02:00). */
function parisMidnight(year: number, month: number, day: number): number {
  const d = new Date(Date.UTC(year, month - 1, day));
  return fromParis(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), 0) as number;
}

/**
 * The `months` months ending with the month of `end` (YYYY-MM-DD). Full months get `perMonth`
 * reports; the last month gets its share for the days up to and including `end`.
 */
export function planMonths(months: number, perMonth: number, end: string): MonthPlan[] {
  const [ey, em, ed] = end.split("-").map(Number) as [number, number, number];
  const runEndMs = parisMidnight(ey, em, ed + 1);
  const plans: MonthPlan[] = [];
  for (let i = months - 1; i >= 0; i--) {
    const first = new Date(Date.UTC(ey, em - 1 - i, 1));
    const year = first.getUTCFullYear();
    const month = first.getUTCMonth() + 1;
    const days = daysInMonth(year, month);
    const lastDay = i === 0 ? ed : days;
    plans.push({
      year,
      month,
      key: `${year}${String(month).padStart(2, "0")}`,
      lastDay,
      endMs: parisMidnight(year, month, lastDay + 1),
      runEndMs,
      reportCount: Math.round((perMonth * lastDay) / days),
    });
  }
  return plans;
}
