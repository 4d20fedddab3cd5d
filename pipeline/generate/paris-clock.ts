/**
 * Fast Europe/Paris clock for bulk generation: the EU summer-time rule (since 1996: from the last
 * Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC) computed once per year,
 * instead of an Intl.DateTimeFormat call per row. Pure; checked against pipeline/core/time.ts.
 */

const HOUR = 3_600_000;

/** Wall-clock fields in Europe/Paris plus the UTC offset in minutes. */
export interface ParisTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  offsetMinutes: number;
  weekday: number;
}

/** Day of month of the last Sunday of a month (month 1–12). */
export function lastSunday(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month, 0));
  return last.getUTCDate() - last.getUTCDay();
}

const transitions = new Map<number, [number, number]>();

/** UTC epochs [start, end) of summer time in a year. */
export function summerTime(year: number): [number, number] {
  let t = transitions.get(year);
  if (!t) {
    t = [Date.UTC(year, 2, lastSunday(year, 3), 1), Date.UTC(year, 9, lastSunday(year, 10), 1)];
    transitions.set(year, t);
  }
  return t;
}

/** UTC offset of Europe/Paris at an instant, in minutes (60 or 120). */
export function parisOffsetMinutes(epochMs: number): number {
  const [start, end] = summerTime(new Date(epochMs).getUTCFullYear());
  return epochMs >= start && epochMs < end ? 120 : 60;
}

/** The Europe/Paris wall-clock of an instant. */
export function toParis(epochMs: number): ParisTime {
  const offsetMinutes = parisOffsetMinutes(epochMs);
  const d = new Date(epochMs + offsetMinutes * 60_000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    offsetMinutes,
    weekday: d.getUTCDay(),
  };
}

/**
 * The instant of a Europe/Paris wall-clock time, or null in the spring-forward gap.
 * In the autumn overlap the first occurrence (summer time) wins, as in pipeline/core/time.ts.
 */
export function fromParis(year: number, month: number, day: number, hour: number, minute = 0, second = 0): number | null {
  const local = Date.UTC(year, month - 1, day, hour, minute, second);
  const [start, end] = summerTime(year);
  const asSummer = local - 2 * HOUR;
  if (asSummer >= start && asSummer < end) return asSummer;
  const asWinter = local - HOUR;
  if (asWinter < start || asWinter >= end) return asWinter;
  return null;
}

const p2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** Paris calendar fields of one UTC hour, with its formatted prefixes (offsets are whole hours). */
export interface ParisHour {
  year: number;
  month: number;
  day: number;
  hour: number;
  weekday: number;
  /** `04/03/2026` */
  frDate: string;
  /** `2026-03-04T09:` */
  isoPrefix: string;
  /** `+01:00` */
  isoOffset: string;
}

const hourCache = new Map<number, ParisHour>();

/** The Paris fields of the UTC hour containing an instant, cached (formatting millions of rows). */
export function parisHour(epochMs: number): ParisHour {
  const key = Math.floor(epochMs / HOUR);
  let h = hourCache.get(key);
  if (!h) {
    const t = toParis(key * HOUR);
    const frDate = `${p2(t.day)}/${p2(t.month)}/${t.year}`;
    h = {
      year: t.year,
      month: t.month,
      day: t.day,
      hour: t.hour,
      weekday: t.weekday,
      frDate,
      isoPrefix: `${t.year}-${p2(t.month)}-${p2(t.day)}T${p2(t.hour)}:`,
      isoOffset: `+0${t.offsetMinutes / 60}:00`,
    };
    if (hourCache.size > 200_000) hourCache.clear();
    hourCache.set(key, h);
  }
  return h;
}

const minuteOf = (epochMs: number) => p2(Math.floor((epochMs % HOUR) / 60_000));
const secondOf = (epochMs: number) => p2(Math.floor((epochMs % 60_000) / 1000));

/** `2026-03-04T09:12:00+01:00`: ISO 8601 with the Paris offset. */
export function isoWithOffset(epochMs: number): string {
  const h = parisHour(epochMs);
  return `${h.isoPrefix}${minuteOf(epochMs)}:${secondOf(epochMs)}${h.isoOffset}`;
}

/** `04/03/2026` in Paris. */
export function frenchDate(epochMs: number): string {
  return parisHour(epochMs).frDate;
}

/** `04/03/2026 09:12:00` in Paris. */
export function frenchDateTime(epochMs: number): string {
  const h = parisHour(epochMs);
  return `${h.frDate} ${p2(h.hour)}:${minuteOf(epochMs)}:${secondOf(epochMs)}`;
}

/** `09:12` in Paris. */
export function frenchHourMinute(epochMs: number): string {
  return `${p2(parisHour(epochMs).hour)}:${minuteOf(epochMs)}`;
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** RFC 5322 date in Paris time: `Wed, 04 Mar 2026 09:12:00 +0100`. */
export function rfc5322Date(epochMs: number): string {
  const t = toParis(epochMs);
  return `${DAYS[t.weekday]}, ${p2(t.day)} ${MONTHS[t.month - 1]} ${t.year} ${p2(t.hour)}:${p2(t.minute)}:${p2(t.second)} +0${t.offsetMinutes / 60}00`;
}

/** asctime-style UTC date of an mbox "From " line: `Wed Mar  4 08:12:00 2026`. */
export function mboxDate(epochMs: number): string {
  const d = new Date(epochMs);
  const day = String(d.getUTCDate()).padStart(2, " ");
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${day} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}
