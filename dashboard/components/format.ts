/** French formatting shared by the dashboard components (numbers, months, channels, suppressed cells). */

/** Minimum count of a published cell: smaller counts are suppressed in the release (statistical secrecy). */
export const SECRET_THRESHOLD = 11;

/** What a suppressed cell shows instead of a number (never zero), with the release's threshold k. */
export function notDisclosed(k: number = SECRET_THRESHOLD): string {
  return `non diffusé (< ${k})`;
}

/** What a suppressed cell shows with the default threshold. */
export const NOT_DISCLOSED = notDisclosed();

/** The threshold k recorded by the release's datapackage.json (`secret_statistique.seuil_k`), else the default. */
export function thresholdFromPackage(pkg: { secret_statistique?: { seuil_k?: unknown } } | null | undefined): number {
  const k = pkg?.secret_statistique?.seuil_k;
  return typeof k === "number" && Number.isInteger(k) && k > 1 ? k : SECRET_THRESHOLD;
}

/** The first month (`YYYY-MM`) of a month or quarter period (`2026-03`, `2026-T2`); null for other periods. */
export function periodFirstMonth(period: string): string | null {
  if (/^\d{4}-\d{2}$/.test(period)) return period;
  const quarter = QUARTER.exec(period);
  return quarter ? `${quarter[1]}-${String(Number(quarter[2]) * 3 - 2).padStart(2, "0")}` : null;
}

/** A release CSV value as a number; null when empty (suppressed or missing), never zero. */
export function parseNumber(raw: string | undefined): number | null {
  const text = (raw ?? "").trim();
  if (text === "") return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/** A count for display: the number the French way, or `non diffusé (< k)` when suppressed. */
export function formatCount(n: number | null, k: number = SECRET_THRESHOLD): string {
  return n === null ? notDisclosed(k) : formatInteger(n);
}

/** What an empty statistic says, from its release `statut_…` column (no status: an older release, suppressed). */
export function statusText(status: string | undefined, k: number = SECRET_THRESHOLD): string {
  if (status === "non_atteint") return "pas encore atteint";
  if (status === "sans_donnees") return "aucun signalement";
  return notDisclosed(k);
}

/** A rate for display: `66 %`, or why it is empty (`empty`, by default `non diffusé (< k)`). */
export function formatRate(share: number | null, k: number = SECRET_THRESHOLD, empty?: string): string {
  return share === null ? (empty ?? notDisclosed(k)) : formatPercent(share);
}

const daysFormat = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });

/** A delay in days: `6,5 j`, or why it is empty (`empty`, by default `non diffusé (< k)`). */
export function formatDays(days: number | null, k: number = SECRET_THRESHOLD, empty?: string): string {
  return days === null ? (empty ?? notDisclosed(k)) : `${daysFormat.format(days)}\u00a0j`;
}

/** A file size the French way: `1,2 Mo`, `34,5 ko`, `512 octets`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${formatInteger(bytes)} octets`;
  if (bytes < 1e6) return `${daysFormat.format(bytes / 1000)}\u00a0ko`;
  return `${daysFormat.format(bytes / 1e6)}\u00a0Mo`;
}

const QUARTER = /^(\d{4})-T([1-4])$/;

/** A release period in words: `mars 2026`, `1er trimestre 2026`, `année 2026`, `12 mois glissants`. */
export function formatReleasePeriod(period: string): string {
  if (/^\d{4}-\d{2}$/.test(period)) return formatMonth(period);
  const quarter = QUARTER.exec(period);
  if (quarter) return `${quarter[2] === "1" ? "1er" : `${quarter[2]}e`} trimestre ${quarter[1]}`;
  if (/^\d{4}$/.test(period)) return `année ${period}`;
  if (period === "12_mois_glissants") return "12 mois glissants";
  return period;
}

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
