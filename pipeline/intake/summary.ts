/** Pure French wording of ingestion progress and summaries (no raw content ever reaches them). */
import type { Counters } from "./store.ts";

const nf = new Intl.NumberFormat("fr-FR");

/** A count with French digit grouping (plain spaces, so logs stay ASCII-friendly). */
export function fmt(n: number): string {
  return nf.format(n).replace(/[\u202f\u00a0]/g, " ");
}

/** One progress line: records read, rate, rejects so far. */
export function progressLine(label: string, c: Counters, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? Math.round((c.read * 1000) / elapsedMs) : 0;
  return `${label} : ${fmt(c.read)} enregistrements · ${fmt(rate)}/s · ${fmt(c.rejected)} rejetés`;
}

function sorted(map: Map<string, number>): [string, number][] {
  return [...map.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** The summary of one file: totals, rejects by reason, warnings, and the first rejects (file, line, field, reason). */
export function fileSummary(fileName: string, c: Counters, refused: string | null, dryRun: boolean): string[] {
  const lines = [
    `${fileName}${dryRun ? " (simulation, rien n'est écrit)" : ""} : ${fmt(c.read)} lus, ${fmt(c.inserted)} ${dryRun ? "à insérer" : "insérés"}, ${fmt(c.present)} déjà présents, ${fmt(c.rejected)} rejetés`,
  ];
  if (refused) lines.push(`  fichier refusé : ${refused}`);
  if (c.conflicts > 0)
    lines.push(`  conflits avec un enregistrement déjà chargé : ${fmt(c.conflicts)} (rejetés, voir : signalements rejects)`);
  if (c.byReason.size > 0) {
    lines.push("  rejets par motif :");
    for (const [reason, n] of sorted(c.byReason)) lines.push(`    - ${reason} : ${fmt(n)}`);
  }
  if (c.warnings.size > 0) {
    lines.push("  avertissements :");
    for (const [warning, n] of sorted(c.warnings)) lines.push(`    - ${warning} : ${fmt(n)}`);
  }
  if (c.samples.length > 0) {
    lines.push("  premiers rejets (fichier:ligne [champ] motif) :");
    for (const s of c.samples) lines.push(`    ${fileName}:${s.line}${s.field ? ` [${s.field}]` : ""} ${s.reason}`);
    if (c.rejected > c.samples.length) lines.push(`    … et ${fmt(c.rejected - c.samples.length)} autres (voir : signalements rejects)`);
  }
  return lines;
}
