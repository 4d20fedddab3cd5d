/** Shapes the release tables `delais_par_service` and `delais_par_quartier` (one row per period × service or district). */
import { formatDays, formatInteger, formatPercent, formatReleasePeriod, parseNumber, SECRET_THRESHOLD } from "./format.js";

/** A CSV row as read from the release (every field a string). */
export type CsvRow = Record<string, string | undefined>;

/** One row of a delay table, typed; a null value is suppressed (never zero). */
export interface DelayRow {
  periodKind: string;
  period: string;
  code: string;
  label: string;
  n: number | null;
  closed: number | null;
  medianDays: number | null;
  p90Days: number | null;
  onTime: number | null;
  closedLate: number | null;
  openOverdue: number | null;
  onTimeRate: number | null;
  secret: boolean;
}

/** Types the rows of a delay table; `unit` is `service` or `quartier` (which code and label columns to read). */
export function parseDelayRows(rows: readonly CsvRow[], unit: "service" | "quartier"): DelayRow[] {
  return rows.map((r) => ({
    periodKind: r.type_periode ?? "",
    period: r.periode ?? "",
    code: r[`code_${unit}`] ?? "",
    label: r[unit] ?? "",
    n: parseNumber(r.n),
    closed: parseNumber(r.n_clos),
    medianDays: parseNumber(r.delai_median_jours),
    p90Days: parseNumber(r.delai_p90_jours),
    onTime: parseNumber(r.nb_dans_les_delais),
    closedLate: parseNumber(r.nb_hors_delais),
    openOverdue: parseNumber(r.nb_en_retard_ouverts),
    onTimeRate: parseNumber(r.taux_dans_les_delais),
    secret: r.secret_statistique === "true",
  }));
}

/** Published periods, most recent first within each kind (months, quarters, years, rolling), as `[code, label]`. */
export function periodOptions(rows: readonly { periodKind: string; period: string }[]): [string, string][] {
  const order = ["12_mois_glissants", "annee", "trimestre", "mois"];
  const seen = new Map<string, string>();
  for (const r of rows) seen.set(r.period, r.periodKind);
  return [...seen]
    .sort((a, b) => order.indexOf(a[1]) - order.indexOf(b[1]) || b[0].localeCompare(a[0]))
    .map(([period]) => [period, formatReleasePeriod(period)]);
}

/** The rows of one period, units sorted by label with the `ensemble` margin last. */
export function rowsOfPeriod<T extends { period: string; code: string; label: string }>(rows: readonly T[], period: string): T[] {
  return rows
    .filter((r) => r.period === period)
    .sort((a, b) => Number(a.code === "ensemble") - Number(b.code === "ensemble") || a.label.localeCompare(b.label, "fr"));
}

/** The monthly series of one unit (service, district or `ensemble`), oldest first. */
export function monthlySeries<T extends { periodKind: string; period: string; code: string }>(rows: readonly T[], code: string): T[] {
  return rows.filter((r) => r.periodKind === "mois" && r.code === code).sort((a, b) => a.period.localeCompare(b.period));
}

/** The series of one unit over periods of one kind (`mois` or `trimestre`), oldest first. */
export function periodSeries<T extends { periodKind: string; period: string; code: string }>(
  rows: readonly T[],
  code: string,
  kind: string,
): T[] {
  return rows.filter((r) => r.periodKind === kind && r.code === code).sort((a, b) => a.period.localeCompare(b.period));
}

/** One sentence on a rate series: its last published value and period, and how many periods are not disclosed. */
export function seriesTakeaway(
  series: readonly { period: string }[],
  measure: (row: { period: string }) => number | null,
  what: string,
): string {
  if (series.length === 0) return "Aucune période publiée pour cette sélection.";
  const published = series.filter((r) => measure(r) !== null);
  const hidden = series.length - published.length;
  const note =
    hidden === 0
      ? ""
      : ` ; ${hidden} période${hidden > 1 ? "s" : ""} sur ${series.length} non diffusée${hidden > 1 ? "s" : ""} (trop peu de signalements)`;
  const last = published.at(-1);
  if (!last) return `${what} : non diffusé pour toutes ces périodes (trop peu de signalements ou secret secondaire).`;
  return `${what} : ${formatPercent(measure(last) as number)} en ${formatReleasePeriod(last.period)}${note}.`;
}

/** One sentence: the best and worst published on-time rates of the period, or why there is none. */
export function delayTakeaway(rows: readonly DelayRow[], k = SECRET_THRESHOLD): string {
  const units = rows.filter((r) => r.code !== "ensemble" && r.onTimeRate !== null);
  if (units.length === 0) return `Aucun taux publié pour cette sélection (moins de ${k} signalements ou secret statistique).`;
  const sorted = [...units].sort((a, b) => (b.onTimeRate as number) - (a.onTimeRate as number) || a.label.localeCompare(b.label, "fr"));
  const best = sorted[0] as DelayRow;
  const worst = sorted[sorted.length - 1] as DelayRow;
  if (best === worst) return `${best.label} clôt ${formatPercent(best.onTimeRate as number)} des signalements dans les 15 jours.`;
  return (
    `${best.label} tient le mieux l'engagement de 15 jours (${formatPercent(best.onTimeRate as number)}), ` +
    `${worst.label} le moins bien (${formatPercent(worst.onTimeRate as number)}).`
  );
}

/** One sentence: the units with the most and fewest published reports of the period, or why there is none. */
export function countTakeaway(rows: readonly DelayRow[], k = SECRET_THRESHOLD): string {
  const units = rows.filter((r) => r.code !== "ensemble" && r.code !== "non_localise" && r.n !== null);
  if (units.length === 0) return `Aucun nombre publié pour cette sélection (moins de ${k} signalements ou secret statistique).`;
  const sorted = [...units].sort((a, b) => (b.n as number) - (a.n as number) || a.label.localeCompare(b.label, "fr"));
  const most = sorted[0] as DelayRow;
  const fewest = sorted[sorted.length - 1] as DelayRow;
  if (most === fewest) return `${most.label} a reçu ${formatInteger(most.n as number)} signalements.`;
  return `${most.label} a reçu le plus de signalements (${formatInteger(most.n as number)}), ${fewest.label} le moins (${formatInteger(fewest.n as number)}).`;
}

/** One sentence on the median delay of the `ensemble` row, or why it is not published. */
export function medianTakeaway(rows: readonly DelayRow[], k = SECRET_THRESHOLD): string {
  const all = rows.find((r) => r.code === "ensemble");
  if (!all || all.medianDays === null) return `Délai médian non publié pour cette sélection (moins de ${k} signalements).`;
  return `La moitié des signalements est close en ${formatDays(all.medianDays, k)} ou moins ; 90 % en ${formatDays(all.p90Days, k)} ou moins.`;
}
