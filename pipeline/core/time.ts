/**
 * Europe/Paris wall-clock ↔ UTC conversion, DST-correct, without a clock (pure).
 * Local times in the spring-forward gap do not exist and are refused; local times in the
 * autumn overlap are ambiguous and resolved to the first occurrence (summer time), as the
 * city's desk software records them.
 */

export const PARIS = "Europe/Paris";

const partsFormatter = new Intl.DateTimeFormat("en-GB", {
  timeZone: PARIS,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** Wall-clock fields of an instant in Europe/Paris. */
export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The Europe/Paris wall-clock fields of a UTC epoch in milliseconds. */
export function parisParts(epochMs: number): LocalParts {
  const out: Record<string, number> = {};
  for (const part of partsFormatter.formatToParts(new Date(epochMs))) {
    if (part.type !== "literal") out[part.type] = Number(part.value);
  }
  return {
    year: out.year as number,
    month: out.month as number,
    day: out.day as number,
    hour: out.hour as number,
    minute: out.minute as number,
    second: out.second as number,
  };
}

/** Local hours whose offsets are kept; past this the cache starts afresh, so memory stays bounded whatever the input. */
const OFFSET_CACHE_LIMIT = 100_000;
const offsetCache = new Map<number, number[]>();

/**
 * The UTC offsets (minutes) valid for a local wall-clock hour: [] in a gap, two in an overlap. Intl is asked
 * once per distinct local hour (a file holds far fewer hours than rows), never per row.
 */
function offsetsForLocalHour(year: number, month: number, day: number, hour: number): number[] {
  const key = ((year * 13 + month) * 32 + day) * 24 + hour;
  const cached = offsetCache.get(key);
  if (cached) return cached;
  const asUtc = Date.UTC(year, month - 1, day, hour, 30);
  const valid = [120, 60].filter((offset) => {
    const p = parisParts(asUtc - offset * 60_000);
    return p.year === year && p.month === month && p.day === day && p.hour === hour;
  });
  if (offsetCache.size >= OFFSET_CACHE_LIMIT) offsetCache.clear();
  offsetCache.set(key, valid);
  return valid;
}

/** Why a local time could not be converted. */
export type LocalTimeError = "invalid" | "dst_gap";

/**
 * Converts a Europe/Paris wall-clock time to a UTC epoch (ms), or an error code when the
 * fields are not a real date or fall into the spring-forward gap.
 */
export function parisToUtc(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): { ok: true; epochMs: number } | { ok: false; error: LocalTimeError } {
  if (
    !Number.isInteger(year) ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 59
  ) {
    return { ok: false, error: "invalid" };
  }
  const offsets = offsetsForLocalHour(year, month, day, hour);
  const offset = offsets[0];
  if (offset === undefined) return { ok: false, error: "dst_gap" };
  return { ok: true, epochMs: Date.UTC(year, month - 1, day, hour, minute, second) - offset * 60_000 };
}

/** Number of days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `YYYY-MM-DDTHH:` of each UTC hour met (by hours since the epoch), bounded like the offsets. */
const hourPrefixes = new Map<number, string>();

/**
 * Formats an epoch as the stored UTC instant form `YYYY-MM-DDTHH:MM:SSZ` (seconds truncated). The date and
 * hour are formatted once per UTC hour; minutes and seconds are plain arithmetic (UTC has no leap seconds
 * in JavaScript). Years outside 0000–9999, whose ISO form is longer, take the general formatting.
 */
export function toUtcInstant(epochMs: number): string {
  const seconds = Math.floor(epochMs / 1000);
  const hour = Math.floor(seconds / 3600);
  let prefix = hourPrefixes.get(hour);
  if (prefix === undefined) {
    const iso = new Date(hour * 3_600_000).toISOString();
    if (iso.length !== 24) return `${new Date(seconds * 1000).toISOString().slice(0, 19)}Z`;
    prefix = iso.slice(0, 14);
    if (hourPrefixes.size >= OFFSET_CACHE_LIMIT) hourPrefixes.clear();
    hourPrefixes.set(hour, prefix);
  }
  const rest = seconds - hour * 3600;
  return `${prefix}${pad(Math.floor(rest / 60))}:${pad(rest % 60)}Z`;
}

/** The Europe/Paris calendar date `YYYY-MM-DD` of an instant. */
export function parisDate(epochMs: number): string {
  const p = parisParts(epochMs);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** Two-digit zero padding. */
export function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

const FRENCH_DATETIME = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2})[:h](\d{2})(?::(\d{2}))?)?$/;
const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/**
 * Parses a date-time as written by French desks: `dd/mm/yyyy HH:MM[:SS]`, ISO local
 * `yyyy-mm-dd[ HH:MM[:SS]]` (both Europe/Paris), or ISO 8601 with a zone.
 */
export function parseFrenchOrIsoDateTime(text: string): { ok: true; epochMs: number } | { ok: false; error: LocalTimeError } {
  const value = text.trim();
  if (ISO_WITH_ZONE.test(value)) {
    const epochMs = Date.parse(value);
    return Number.isNaN(epochMs) ? { ok: false, error: "invalid" } : { ok: true, epochMs };
  }
  const fr = FRENCH_DATETIME.exec(value);
  if (fr) {
    const [, d, m, y, hh, mm, ss] = fr;
    return parisToUtc(Number(y), Number(m), Number(d), Number(hh ?? 0), Number(mm ?? 0), Number(ss ?? 0));
  }
  const iso = ISO_LOCAL.exec(value);
  if (iso) {
    const [, y, m, d, hh, mm, ss] = iso;
    return parisToUtc(Number(y), Number(m), Number(d), Number(hh ?? 0), Number(mm ?? 0), Number(ss ?? 0));
  }
  return { ok: false, error: "invalid" };
}
