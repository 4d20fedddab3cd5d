/** Shapes the release list `travaux_en_cours` (open public-asset reports, one row each, never a point). */
import type { CsvRow } from "./delays.js";

/** Stages of the works queue, in lifecycle order, with their French labels. */
export const STAGES: [string, string][] = [
  ["recu", "Reçu"],
  ["pris_en_compte", "Pris en compte"],
  ["oriente", "Orienté vers le service"],
  ["programme", "Programmé"],
  ["en_cours", "Travaux en cours"],
];

/** One open item of the works queue. */
export interface WorkItem {
  service: string;
  serviceLabel: string;
  district: string;
  districtLabel: string;
  category: string;
  stage: string;
  receivedOn: string;
  plannedOn: string | null;
}

/** The French label of a stage. */
export function stageLabel(stage: string): string {
  return STAGES.find(([code]) => code === stage)?.[1] ?? stage;
}

/** Types the rows and orders them as DESIGN says: planned date first (unplanned last), then reception. */
export function parseWorks(rows: readonly CsvRow[]): WorkItem[] {
  return rows
    .map((r) => ({
      service: r.code_service ?? "",
      serviceLabel: r.service ?? "",
      district: r.code_quartier ?? "",
      districtLabel: r.quartier ?? "",
      category: r.categorie ?? "",
      stage: r.etape ?? "",
      receivedOn: r.date_reception ?? "",
      plannedOn: r.date_prevue ? r.date_prevue : null,
    }))
    .sort((a, b) => (a.plannedOn ?? "9999").localeCompare(b.plannedOn ?? "9999") || a.receivedOn.localeCompare(b.receivedOn));
}

/** Keeps the items of one district and one service (`ensemble` = all). */
export function filterWorks(items: readonly WorkItem[], district: string, service: string): WorkItem[] {
  return items.filter((w) => (district === "ensemble" || w.district === district) && (service === "ensemble" || w.service === service));
}

/** Open items per district and stage (a list, not a statistic: every count is a count of published rows). */
export function worksByDistrictAndStage(items: readonly WorkItem[]): { district: string; stage: string; count: number }[] {
  const counts = new Map<string, { district: string; stage: string; count: number }>();
  for (const w of items) {
    const key = `${w.districtLabel}|${w.stage}`;
    const cell = counts.get(key) ?? { district: w.districtLabel, stage: stageLabel(w.stage), count: 0 };
    cell.count += 1;
    counts.set(key, cell);
  }
  return [...counts.values()].sort((a, b) => a.district.localeCompare(b.district, "fr"));
}

const dayFormat = new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** A `YYYY-MM-DD` date in words (`2 mars 2026`), or `non programmée`. */
export function formatDate(date: string | null): string {
  return date ? dayFormat.format(new Date(`${date}T00:00:00Z`)) : "non programmée";
}

/** One sentence: how many open items, how many already planned. */
export function worksTakeaway(items: readonly WorkItem[]): string {
  if (items.length === 0) return "Aucun signalement ouvert sur l'espace public pour cette sélection.";
  const planned = items.filter((w) => w.plannedOn !== null).length;
  return `${items.length} signalement${items.length > 1 ? "s" : ""} ouvert${items.length > 1 ? "s" : ""} sur l'espace public, dont ${planned} avec une date d'intervention prévue.`;
}
