/**
 * The review document for officials: what the next public release would change compared to the current
 * one — indicators added or removed, definitions changed since their decision, the figures that moved
 * most, suppressed cells per table. Read from the candidate (exports/preview) and current (exports/public).
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { countColumns, PUBLISHED_TABLES } from "../../schemas/published/tables.ts";
import { parseRfc4180 } from "../publish/rfc4180.ts";
import type { IndicatorStatus } from "./decisions.ts";
import { shortFingerprint } from "./registry.ts";

type Records = Record<string, string>[];

function readTable(dir: string, table: string): Records | undefined {
  const file = path.join(dir, "data", `${table}.csv`);
  if (!existsSync(file)) return undefined;
  const [header, ...rows] = parseRfc4180(readFileSync(file, "utf8"));
  return rows.filter((r) => r.length > 1).map((r) => Object.fromEntries((header ?? []).map((h, i) => [h, r[i] ?? ""])));
}

/** One figure that moved between the current and the candidate release. */
export interface Move {
  table: string;
  cle: string;
  colonne: string;
  avant: number;
  apres: number;
}

/** The review's content, before formatting. */
export interface Review {
  nouveaux: string[];
  retires: string[];
  enAttente: IndicatorStatus[];
  definitionsModifiees: IndicatorStatus[];
  mouvements: Move[];
  masquees: { table: string; avant: number | undefined; apres: number }[];
}

/** Compares the candidate release with the current public one, given the indicators' statuses. */
export function buildReview(previewDir: string, publicDir: string, statuses: IndicatorStatus[], top = 10): Review {
  const approved = statuses.filter((s) => s.statut === "approved").map((s) => s.definition.id);
  const inPublic = (t: string) => existsSync(path.join(publicDir, "data", `${t}.csv`));
  const inCandidate = (t: string) => existsSync(path.join(previewDir, "data", `${t}.csv`));
  const mouvements: Move[] = [];
  const masquees: Review["masquees"] = [];
  for (const table of PUBLISHED_TABLES) {
    const after = readTable(previewDir, table.name);
    if (!after || table.kind !== "aggregate") continue;
    const counts = countColumns(table);
    const hidden = (rows: Records) => rows.reduce((n, r) => n + counts.filter((c) => r[c] === "").length, 0);
    const before = readTable(publicDir, table.name);
    // Only the tables under disclosure control can have suppressed cells (the others identify no one).
    if (table.disclosure) masquees.push({ table: table.name, avant: before ? hidden(before) : undefined, apres: hidden(after) });
    if (!before) continue;
    const key = (r: Record<string, string>) => table.primaryKey.map((k) => r[k]).join(" · ");
    const old = new Map(before.map((r) => [key(r), r]));
    for (const row of after) {
      const prev = old.get(key(row));
      if (!prev) continue;
      for (const c of counts) {
        if (row[c] === "" || prev[c] === "" || row[c] === prev[c]) continue;
        mouvements.push({ table: table.name, cle: key(row), colonne: c, avant: Number(prev[c]), apres: Number(row[c]) });
      }
    }
  }
  mouvements.sort((a, b) => Math.abs(b.apres - b.avant) - Math.abs(a.apres - a.avant) || a.cle.localeCompare(b.cle));
  return {
    nouveaux: approved.filter((t) => inCandidate(t) && !inPublic(t)),
    retires: PUBLISHED_TABLES.map((t) => t.name).filter((t) => inPublic(t) && !approved.includes(t)),
    enAttente: statuses.filter((s) => s.statut === "pending"),
    definitionsModifiees: statuses.filter((s) => s.definitionModifiee),
    mouvements: mouvements.slice(0, top),
    masquees,
  };
}

const list = (items: string[], empty: string) => (items.length === 0 ? `${empty}\n` : `${items.map((i) => `- ${i}`).join("\n")}\n`);

/** The review as French Markdown. */
export function reviewMarkdown(review: Review, date: string): string {
  const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
  return `# Revue de la prochaine publication — ${date}

Document de travail pour les élus : ce que changerait la prochaine publication publique par rapport à la publication actuelle.

## Nouveaux indicateurs publiés

${list(review.nouveaux, "Aucun.")}
## Indicateurs retirés de la publication

${list(review.retires, "Aucun.")}
## Définitions modifiées depuis la décision (de nouveau en attente)

${list(
  review.definitionsModifiees.map(
    (s) =>
      `\`${s.definition.id}\` : empreinte ${shortFingerprint(s.derniere?.empreinte ?? "")} → ${shortFingerprint(s.definition.fingerprint)}`,
  ),
  "Aucune.",
)}
## En attente de décision

${list(
  review.enAttente.map((s) => `\`${s.definition.id}\` — ${s.definition.title}`),
  "Aucun.",
)}
## Chiffres qui ont le plus bougé

${
  review.mouvements.length === 0
    ? "Aucun chiffre comparable n'a changé.\n"
    : `| table | ligne | colonne | avant | après | écart |\n| --- | --- | --- | --- | --- | --- |\n${review.mouvements
        .map((m) => `| ${m.table} | ${m.cle} | ${m.colonne} | ${m.avant} | ${m.apres} | ${signed(m.apres - m.avant)} |`)
        .join("\n")}\n`
}
## Cases masquées (secret statistique)

| table | publication actuelle | prochaine publication |
| --- | --- | --- |
${review.masquees.map((m) => `| ${m.table} | ${m.avant ?? "non publiée"} | ${m.apres} |`).join("\n")}
`;
}
