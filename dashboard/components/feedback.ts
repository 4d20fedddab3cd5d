/** Shapes the release table `retours_usagers` (complaints, thanks and reopenings after closure, per period × service). */
import type { CsvRow } from "./delays.js";
import { formatPercent, parseNumber, SECRET_THRESHOLD } from "./format.js";

/** One row of `retours_usagers`, typed; null = suppressed. */
export interface FeedbackRow {
  periodKind: string;
  period: string;
  code: string;
  label: string;
  closed: number | null;
  complaints: number | null;
  thanks: number | null;
  reopened: number | null;
  complaintRate: number | null;
  thanksRate: number | null;
  reopenRate: number | null;
}

/** Types the rows of `retours_usagers`. */
export function parseFeedbackRows(rows: readonly CsvRow[]): FeedbackRow[] {
  return rows.map((r) => ({
    periodKind: r.type_periode ?? "",
    period: r.periode ?? "",
    code: r.code_service ?? "",
    label: r.service ?? "",
    closed: parseNumber(r.nb_clos),
    complaints: parseNumber(r.nb_reclamations),
    thanks: parseNumber(r.nb_remerciements),
    reopened: parseNumber(r.nb_reouvertures),
    complaintRate: parseNumber(r.taux_reclamation),
    thanksRate: parseNumber(r.taux_remerciement),
    reopenRate: parseNumber(r.taux_reouverture),
  }));
}

/** The three rates of each unit as long rows for a grouped bar chart (suppressed rates kept as null). */
export function feedbackRates(rows: readonly FeedbackRow[]): { label: string; kind: string; rate: number | null }[] {
  return rows.flatMap((r) => [
    { label: r.label, kind: "Réclamations", rate: r.complaintRate },
    { label: r.label, kind: "Remerciements", rate: r.thanksRate },
    { label: r.label, kind: "Réouvertures", rate: r.reopenRate },
  ]);
}

/** One sentence on the `ensemble` row: thanks versus complaints per closed report. */
export function feedbackTakeaway(rows: readonly FeedbackRow[], k = SECRET_THRESHOLD): string {
  const all = rows.find((r) => r.code === "ensemble") ?? (rows.length === 1 ? rows[0] : undefined);
  if (!all || all.thanksRate === null || all.complaintRate === null)
    return `Taux non publiés pour cette sélection (moins de ${k} signalements clos).`;
  return (
    `Pour 100 signalements clos, ${formatPercent(all.thanksRate).replace(/\s?%$/, "")} remerciements et ` +
    `${formatPercent(all.complaintRate).replace(/\s?%$/, "")} réclamations ; ${formatPercent(all.reopenRate ?? 0)} des signalements clos ont été rouverts.`
  );
}
