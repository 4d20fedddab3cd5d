/** French formatting shared by the dashboard components (numbers, months, channels, suppressed cells). */

/** Minimum count of a published cell: smaller counts are suppressed in the release (statistical secrecy). */
export const SECRET_THRESHOLD = 11;

/** What a suppressed cell shows instead of a number (never zero). */
export const NOT_DISCLOSED = `non diffusé (< ${SECRET_THRESHOLD})`;

/** Channel codes of the release, in display order. */
export const CHANNELS = ["web", "app", "telephone", "courriel"] as const;

/** A channel code of the release. */
export type Channel = (typeof CHANNELS)[number];

const CHANNEL_LABELS: Record<Channel, string> = { web: "Web", app: "Application", telephone: "Téléphone", courriel: "Courriel" };

/** Colour-blind-safe colours (Okabe–Ito), one per channel, in CHANNELS order. */
export const CHANNEL_COLORS = ["#0072B2", "#B35806", "#007A5E", "#A6427C"] as const;

/** The French label of a channel code (the code itself when unknown). */
export function channelLabel(code: string): string {
  return CHANNEL_LABELS[code as Channel] ?? code;
}

const integerFormat = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 0 });
const percentFormat = new Intl.NumberFormat("fr-FR", { style: "percent", maximumFractionDigits: 0 });
const monthFormat = new Intl.DateTimeFormat("fr-FR", { month: "long", year: "numeric", timeZone: "UTC" });

/** An integer the French way: `12 345` with a narrow no-break space. */
export function formatInteger(n: number): string {
  return integerFormat.format(n);
}

/** A share in [0, 1] as a French percentage: `42 %`. */
export function formatPercent(share: number): string {
  return percentFormat.format(share);
}

/** The first day (UTC) of a `YYYY-MM` month. */
export function monthDate(month: string): Date {
  const [year, m] = month.split("-").map(Number);
  return new Date(Date.UTC(year ?? 0, (m ?? 1) - 1, 1));
}

/** A `YYYY-MM` month in words: `mars 2026`. */
export function formatMonth(month: string): string {
  return monthFormat.format(monthDate(month));
}

/** A period of months in words: `de janvier 2026 à mars 2026`, or `mars 2026` for one month. */
export function formatPeriod(first: string, last: string): string {
  return first === last ? formatMonth(first) : `de ${formatMonth(first)} à ${formatMonth(last)}`;
}
