/** Shapes the release tables `delais_par_service` and `delais_par_quartier` (one row per period × service or district). */
import {
  formatDays,
  formatInteger,
  formatPercent,
  formatReleasePeriod,
  notDisclosed,
  parseNumber,
  SECRET_THRESHOLD,
  statusText,
} from "./format.js";

/** A CSV row as read from the release (every field a string). */
export type CsvRow = Record<string, string | undefined>;

/** One row of a delay table, typed; a null value is empty for the reason its status gives (never zero). */
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
  /** The release's `statut_…` columns: publie, non_atteint, sans_donnees or secret_statistique. */
  medianStatus?: string;
  p90Status?: string;
  rateStatus?: string;
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
    medianStatus: r.statut_delai_median,
    p90Status: r.statut_delai_p90,
    rateStatus: r.statut_taux,
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

/**
 * One sentence on a rate series: its last value and period, and how many periods have none and why
 * (`why` reads the row's status text: `pas encore atteint`, `aucun signalement`, `non diffusé (< k)`).
 */
export function seriesTakeaway<T extends { period: string }>(
  series: readonly T[],
  measure: (row: T) => number | null,
  what: string,
  why: (row: T) => string = () => "non diffusé",
): string {
  if (series.length === 0) return "Aucune période publiée pour cette sélection.";
  const published = series.filter((r) => measure(r) !== null);
  const reasons = new Map<string, number>();
  for (const r of series) if (measure(r) === null) reasons.set(why(r), (reasons.get(why(r)) ?? 0) + 1);
  const hidden = series.length - published.length;
  const because = [...reasons].map(([reason, n]) => `${n} ${reason}`).join(", ");
  const note = hidden === 0 ? "" : ` ; ${hidden} période${hidden > 1 ? "s" : ""} sur ${series.length} sans valeur (${because})`;
  const last = published.at(-1);
  if (!last) return `${what} : aucune valeur sur ces périodes (${because}).`;
  return `${what} : ${formatPercent(measure(last) as number)} en ${formatReleasePeriod(last.period)}${note}.`;
}

/** The distinct reasons why the rows' statistic is empty, in words (`pas encore atteint`, `aucun signalement`…). */
function emptyReasons(rows: readonly DelayRow[], status: (r: DelayRow) => string | undefined, k: number): string {
  return [...new Set(rows.filter((r) => r.code !== "ensemble").map((r) => statusText(status(r), k)))].join(", ") || "aucun signalement";
}

/** One sentence: the best and worst published on-time rates of the period, or why there is none. */
export function delayTakeaway(rows: readonly DelayRow[], k = SECRET_THRESHOLD): string {
  const units = rows.filter((r) => r.code !== "ensemble" && r.onTimeRate !== null);
  if (units.length === 0) return `Aucun taux pour cette sélection : ${emptyReasons(rows, (r) => r.rateStatus, k)}.`;
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
  if (units.length === 0) return `Aucun nombre publié pour cette sélection : ${notDisclosed(k)}.`;
  const sorted = [...units].sort((a, b) => (b.n as number) - (a.n as number) || a.label.localeCompare(b.label, "fr"));
  const most = sorted[0] as DelayRow;
  const fewest = sorted[sorted.length - 1] as DelayRow;
  if (most === fewest) return `${most.label} a reçu ${formatInteger(most.n as number)} signalements.`;
  return `${most.label} a reçu le plus de signalements (${formatInteger(most.n as number)}), ${fewest.label} le moins (${formatInteger(fewest.n as number)}).`;
}

/** One sentence on the median delay of the `ensemble` row, or why it is not published. */
export function medianTakeaway(rows: readonly DelayRow[], k = SECRET_THRESHOLD): string {
  const all = rows.find((r) => r.code === "ensemble");
  if (!all) return "Aucun délai publié pour cette sélection.";
  if (all.medianDays === null) return `Délai médian : ${statusText(all.medianStatus, k)} pour cette sélection.`;
  return `La moitié des signalements est close en ${formatDays(all.medianDays, k)} ou moins ; 90 % en ${formatDays(all.p90Days, k)} ou moins.`;
}

/** One period of a district against the whole city (either row may be missing). */
export interface Comparison {
  period: string;
  periodKind: string;
  district: DelayRow | undefined;
  city: DelayRow | undefined;
}

/**
 * A district against the whole city (`ensemble`): `summary` = the rolling 12 months then each year, most
 * recent first; `quarters` = the quarterly series, oldest first. Read from `delais_par_quartier` only.
 */
export function districtVsCity(rows: readonly DelayRow[], code: string): { summary: Comparison[]; quarters: Comparison[] } {
  const byPeriod = new Map<string, Comparison>();
  for (const r of rows) {
    if (r.code !== code && r.code !== "ensemble") continue;
    const c = byPeriod.get(r.period) ?? { period: r.period, periodKind: r.periodKind, district: undefined, city: undefined };
    if (r.code === code) c.district = r;
    else c.city = r;
    byPeriod.set(r.period, c);
  }
  const all = [...byPeriod.values()];
  return {
    summary: [
      ...all.filter((c) => c.periodKind === "12_mois_glissants"),
      ...all.filter((c) => c.periodKind === "annee").sort((a, b) => b.period.localeCompare(a.period)),
    ],
    quarters: all.filter((c) => c.periodKind === "trimestre").sort((a, b) => a.period.localeCompare(b.period)),
  };
}

/** One sentence answering "my district against the city, 15 days, over 12 months". */
export function comparisonTakeaway(summary: readonly Comparison[], districtLabel: string, k = SECRET_THRESHOLD): string {
  const rolling = summary.find((c) => c.periodKind === "12_mois_glissants") ?? summary[0];
  if (!rolling) return "Aucune période publiée pour ce quartier.";
  const when = formatReleasePeriod(rolling.period);
  const d = rolling.district;
  const city = rolling.city?.onTimeRate ?? null;
  const cityText = city === null ? "" : `, contre ${formatPercent(city)} pour toute la ville`;
  if (!d || d.n === 0) return `${districtLabel} : aucun signalement sur ${when}.`;
  if (d.onTimeRate === null) return `${districtLabel}, ${when} : taux dans les 15 jours ${statusText(d.rateStatus, k)}${cityText}.`;
  const n = d.n === null ? "" : ` (${formatInteger(d.n)} signalements reçus)`;
  return `Sur ${when}, ${districtLabel} a clos ${formatPercent(d.onTimeRate)} de ses signalements dans les 15 jours${n}${cityText}.`;
}
