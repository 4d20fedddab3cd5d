/** Shapes the release table `stock_en_cours` (open reports at the snapshot, by service and age bucket, with overdue counts). */
import type { CsvRow } from "./delays.js";
import { formatCount, formatInteger, notDisclosed, parseNumber, SECRET_THRESHOLD } from "./format.js";

/** Age buckets of the release, oldest last, with their French labels. */
export const AGE_BUCKETS: [string, string][] = [
  ["0_7_jours", "0 à 7 jours"],
  ["8_15_jours", "8 à 15 jours"],
  ["16_30_jours", "16 à 30 jours"],
  ["31_90_jours", "31 à 90 jours"],
  ["plus_de_90_jours", "plus de 90 jours"],
];

/** One row of `stock_en_cours`, typed; null = suppressed. */
export interface BacklogRow {
  extractedOn: string;
  code: string;
  label: string;
  bucket: string;
  open: number | null;
  overdue: number | null;
}

/** Types the rows of `stock_en_cours`. */
export function parseBacklogRows(rows: readonly CsvRow[]): BacklogRow[] {
  return rows.map((r) => ({
    extractedOn: r.date_extraction ?? "",
    code: r.code_service ?? "",
    label: r.service ?? "",
    bucket: r.tranche_anciennete ?? "",
    open: parseNumber(r.nb_en_cours),
    overdue: parseNumber(r.nb_en_retard),
  }));
}

/** The French label of an age bucket (`ensemble` reads `toutes anciennetés`). */
export function bucketLabel(bucket: string): string {
  if (bucket === "ensemble") return "toutes anciennetés";
  return AGE_BUCKETS.find(([code]) => code === bucket)?.[1] ?? bucket;
}

/** Open reports of one service (or `ensemble`) by age bucket, every bucket present: an absent row has no open report (0). */
export function backlogByBucket(
  rows: readonly BacklogRow[],
  service: string,
): { bucket: string; label: string; open: number | null; overdue: number | null }[] {
  return AGE_BUCKETS.map(([bucket, label]) => {
    const row = rows.find((r) => r.code === service && r.bucket === bucket);
    return { bucket, label, open: row ? row.open : 0, overdue: row ? row.overdue : 0 };
  });
}

/** One line per service: open reports per bucket, total and overdue; services by label, the `ensemble` margin last. */
export interface BacklogLine {
  code: string;
  label: string;
  buckets: (number | null)[];
  total: number | null;
  overdue: number | null;
}

/** The backlog as a service × age table (absent cells are 0, suppressed cells null). */
export function backlogTable(rows: readonly BacklogRow[]): BacklogLine[] {
  const services = new Map<string, string>();
  for (const r of rows) services.set(r.code, r.label);
  return [...services]
    .sort((a, b) => Number(a[0] === "ensemble") - Number(b[0] === "ensemble") || a[1].localeCompare(b[1], "fr"))
    .map(([code, label]) => {
      const total = rows.find((r) => r.code === code && r.bucket === "ensemble");
      return {
        code,
        label,
        buckets: backlogByBucket(rows, code).map((b) => b.open),
        total: total ? total.open : 0,
        overdue: total ? total.overdue : 0,
      };
    });
}

const dayFormat = new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** The snapshot date of the table in words (`29 novembre 2026`), or `—` when the table is empty. */
export function snapshotDate(rows: readonly BacklogRow[]): string {
  const date = rows[0]?.extractedOn;
  return date ? dayFormat.format(new Date(`${date}T00:00:00Z`)) : "—";
}

/** One sentence on a line of the backlog: open reports and overdue ones at the snapshot, or why they are not published. */
export function backlogTakeaway(line: BacklogLine | undefined, date: string, k = SECRET_THRESHOLD): string {
  if (!line) return "Aucun signalement en cours publié pour cette sélection.";
  const who = line.code === "ensemble" ? "" : ` pour ${line.label}`;
  if (line.total === null) return `Au ${date}, le nombre de signalements en cours${who} est ${notDisclosed(k)}.`;
  const overdue = line.overdue === null ? notDisclosed(k) : formatInteger(line.overdue);
  return `Au ${date}, ${formatCount(line.total, k)} signalement${line.total > 1 ? "s" : ""} en cours${who}, dont ${overdue} au-delà de l'échéance de 15 jours.`;
}
