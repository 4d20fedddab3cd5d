/** Shapes the release table `contacts_par_canal` (month × channel × contact type). */
import type { CsvRow } from "./delays.js";
import { channelLabel, formatInteger, formatPercent, notDisclosed, parseNumber, SECRET_THRESHOLD } from "./format.js";

/** Contact types of the release, in display order, with their French labels. */
export const CONTACT_TYPES: [string, string][] = [
  ["signalement", "Signalements"],
  ["courriel", "Courriels traités"],
  ["appel", "Appels traités"],
  ["intervention", "Interventions créées"],
];

/** One row of `contacts_par_canal`, typed; null = suppressed. */
export interface ContactRow {
  month: string;
  channel: string;
  type: string;
  count: number | null;
}

/** Types the rows of `contacts_par_canal`. */
export function parseContactRows(rows: readonly CsvRow[]): ContactRow[] {
  return rows.map((r) => ({ month: r.mois ?? "", channel: r.canal ?? "", type: r.type_contact ?? "", count: parseNumber(r.nb_contacts) }));
}

/** The French label of a contact type. */
export function contactTypeLabel(type: string): string {
  return CONTACT_TYPES.find(([code]) => code === type)?.[1] ?? type;
}

/** A published total with how many of its cells were suppressed. */
export interface PartialSum {
  key: string;
  label: string;
  published: number;
  suppressedCells: number;
}

/** Sums a count over months by a key (suppressed cells counted apart, never as zero), in `order`. */
export function sumBy<T extends { count: number | null }>(
  rows: readonly T[],
  keyOf: (row: T) => string,
  order: readonly string[],
  labelOf: (key: string) => string,
): PartialSum[] {
  const out = new Map<string, PartialSum>(order.map((key) => [key, { key, label: labelOf(key), published: 0, suppressedCells: 0 }]));
  for (const row of rows) {
    const key = keyOf(row);
    const sum = out.get(key);
    if (!sum) continue;
    if (row.count === null) sum.suppressedCells += 1;
    else sum.published += row.count;
  }
  return [...out.values()];
}

/** Reports by channel over the selected months (the channel mix). */
export function channelMix(rows: readonly ContactRow[], months: readonly string[], channels: readonly string[]): PartialSum[] {
  const selected = rows.filter((r) => r.type === "signalement" && months.includes(r.month));
  return sumBy(selected, (r) => r.channel, channels, channelLabel);
}

/** One sentence on emails and calls handled (each a published sum, with its suppressed months spelled out). */
export function contactsTakeaway(byType: readonly PartialSum[], k = SECRET_THRESHOLD): string {
  const text = (key: string) => {
    const s = byType.find((t) => t.key === key);
    if (!s) return "0";
    if (s.suppressedCells === 0) return formatInteger(s.published);
    if (s.published === 0) return notDisclosed(k);
    return `${formatInteger(s.published)} + ${notDisclosed(k)}`;
  };
  return `Les services ont traité ${text("courriel")} courriels et ${text("appel")} appels sur la sélection.`;
}

/** Contacts of one channel (or `ensemble`) by type over the selected months. */
export function contactsByType(rows: readonly ContactRow[], months: readonly string[], channel: string): PartialSum[] {
  const selected = rows.filter((r) => r.channel === channel && months.includes(r.month));
  return sumBy(
    selected,
    (r) => r.type,
    CONTACT_TYPES.map(([code]) => code),
    contactTypeLabel,
  );
}

/** One sentence: the selected channel's share of reports, or the leading channel's when `channel` is `ensemble` or absent. */
export function mixTakeaway(mix: readonly PartialSum[], channel = "ensemble", k = SECRET_THRESHOLD): string {
  const total = mix.reduce((a, m) => a + m.published, 0);
  if (total === 0) return "Aucun signalement publié pour cette sélection.";
  const selected = mix.find((m) => m.key === channel);
  if (selected) {
    if (selected.published === 0 && selected.suppressedCells > 0)
      return `Le canal ${selected.label} : ${notDisclosed(k)} signalements par mois, sur ${formatInteger(total)} signalements publiés.`;
    const partial = selected.suppressedCells > 0 ? " (hors mois non diffusés)" : "";
    return `Le canal ${selected.label} apporte ${formatPercent(selected.published / total)} des ${formatInteger(total)} signalements publiés${partial}.`;
  }
  const top = [...mix].sort((a, b) => b.published - a.published)[0] as PartialSum;
  return `Le canal ${top.label} apporte ${formatPercent(top.published / total)} des ${formatInteger(total)} signalements publiés.`;
}
