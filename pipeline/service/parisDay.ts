/**
 * The Europe/Paris calendar date of the request clock, computed with Intl once per minute instead of
 * once per request. Exact: Paris changes date only on whole minutes (its UTC offsets are whole hours),
 * so every instant of one UTC minute has the same Paris date.
 */
import { parisDate } from "../core/time.ts";

/** A `parisDate` memoised on the UTC minute of its argument. */
export function minuteCachedParisDate(): (epochMs: number) => string {
  let minute = Number.NaN;
  let date = "";
  return (epochMs) => {
    const m = Math.floor(epochMs / 60_000);
    if (m !== minute) {
      minute = m;
      date = parisDate(epochMs);
    }
    return date;
  };
}
