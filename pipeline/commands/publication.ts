/**
 * `signalements publication list | show | approve | withhold | revue`: elected officials' decisions on
 * the published indicators, recorded append-only in the decision log (no command edits or deletes one).
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { CliError, EXIT, parseOptions } from "../errors.ts";
import {
  appendDecision,
  DEFAULT_DECISIONS_FILE,
  type DecisionEntry,
  type IndicatorStatus,
  readDecisionLog,
  resolveStatuses,
  statusLabel,
} from "../governance/decisions.ts";
import { indicatorRegistry, shortFingerprint } from "../governance/registry.ts";
import { buildReview, type Review, reviewMarkdown } from "../governance/review.ts";

/** The decision log used: `--decisions`, else SIGNALEMENTS_DECISIONS, else config/decisions.jsonl. */
export function decisionsFile(option: string | undefined): string {
  return option ?? process.env.SIGNALEMENTS_DECISIONS ?? DEFAULT_DECISIONS_FILE;
}

const logOptions = z.object({ decisions: z.string().min(1).optional() });
const decideOptions = logOptions.extend({
  id: z.string().min(1),
  par: z.string({ error: "qui décide est obligatoire (--par « nom, fonction »)" }).trim().min(1, "--par ne peut pas être vide"),
  ref: z
    .string({ error: "la référence de la décision est obligatoire (--ref « délibération »)" })
    .trim()
    .min(1, "--ref ne peut pas être vide"),
  motif: z.string().trim().optional(),
});

type Print = (line: string) => void;
const stdout: Print = (l) => process.stdout.write(`${l}\n`);

/** Every indicator with its current status, from the verified log. */
export function currentStatuses(file: string): IndicatorStatus[] {
  return resolveStatuses(indicatorRegistry(), readDecisionLog(file));
}

const describeDecision = (e: DecisionEntry): string =>
  `${e.decision === "approuve" ? "approuvé" : "retenu"} le ${e.horodatage} par ${e.par} (${e.ref})${e.motif ? ` — motif : ${e.motif}` : ""}`;

/** `publication list`: one line per indicator: id, short fingerprint, status. */
export function runList(raw: unknown, print: Print = stdout): IndicatorStatus[] {
  const o = parseOptions(logOptions, raw);
  const statuses = currentStatuses(decisionsFile(o.decisions));
  print(`${statuses.length} indicateurs au registre :`);
  for (const s of statuses) {
    print(`  ${s.definition.id.padEnd(22)} ${shortFingerprint(s.definition.fingerprint)}  ${statusLabel(s)}`);
  }
  const pending = statuses.filter((s) => s.statut === "pending").length;
  if (pending > 0) print(`${pending} en attente : « signalements publication show <indicateur> » puis approve ou withhold.`);
  return statuses;
}

function find(statuses: IndicatorStatus[], id: string): IndicatorStatus {
  const found = statuses.find((s) => s.definition.id === id);
  if (!found) {
    throw new CliError(
      `indicateur inconnu : ${id}`,
      EXIT.usage,
      `Indicateurs au registre : ${statuses.map((s) => s.definition.id).join(", ")}`,
    );
  }
  return found;
}

/** `publication show <id>`: title, description, definition (SQL files and columns), fingerprint, history. */
export function runShow(raw: unknown, print: Print = stdout): IndicatorStatus {
  const o = parseOptions(logOptions.extend({ id: z.string().min(1) }), raw);
  const file = decisionsFile(o.decisions);
  const entries = readDecisionLog(file);
  const s = find(resolveStatuses(indicatorRegistry(), entries), o.id);
  const d = s.definition;
  const schema = d.schema as { tableSchema: { fields: { name: string; type: string }[] } };
  print(`${d.id} — ${d.title}`);
  print(`  ${d.description}`);
  print(`  Statut : ${statusLabel(s)}`);
  print(`  Empreinte de la définition : ${d.fingerprint}`);
  print(`  Requêtes SQL : ${d.sql.map((q) => q.path).join(", ")}`);
  print(`  Colonnes : ${schema.tableSchema.fields.map((f) => `${f.name} (${f.type})`).join(", ")}`);
  const history = entries.filter((e) => e.indicateur === d.id);
  print(history.length === 0 ? "  Aucune décision enregistrée." : "  Décisions :");
  for (const e of history) {
    const same = e.empreinte === d.fingerprint ? "définition actuelle" : `autre définition ${shortFingerprint(e.empreinte)}`;
    print(`    - ${describeDecision(e)} [${same}]`);
  }
  return s;
}

/** `publication approve|withhold <id>`: appends one decision on the current definition. */
export function runDecide(decision: DecisionEntry["decision"], raw: unknown, now = new Date(), print: Print = stdout): DecisionEntry {
  const o = parseOptions(decideOptions, raw);
  const file = decisionsFile(o.decisions);
  const s = find(currentStatuses(file), o.id);
  const entry = appendDecision(
    file,
    { indicateur: s.definition.id, decision, par: o.par, ref: o.ref, motif: o.motif ?? null, empreinte: s.definition.fingerprint },
    now,
  );
  print(`Décision enregistrée : ${s.definition.id} ${describeDecision(entry)}`);
  print(`  Empreinte de la définition : ${shortFingerprint(entry.empreinte)} ; entrée ${shortFingerprint(entry.hash)} du journal.`);
  return entry;
}

const reviewOptions = logOptions.extend({
  exports: z.string().min(1).default("exports"),
  sortie: z.string().min(1).default("exports/revue-publication.md"),
});

/** `publication revue`: writes the French review (Markdown) of the next public release and summarises it. */
export function runRevue(raw: unknown, now = new Date(), print: Print = stdout): Review {
  const o = parseOptions(reviewOptions, raw);
  const preview = path.join(o.exports, "preview");
  if (!existsSync(path.join(preview, "data"))) {
    throw new CliError(`aperçu introuvable : ${preview}`, EXIT.usage, "Lancez d'abord : signalements release");
  }
  const review = buildReview(preview, path.join(o.exports, "public"), currentStatuses(decisionsFile(o.decisions)));
  mkdirSync(path.dirname(o.sortie), { recursive: true });
  writeFileSync(o.sortie, reviewMarkdown(review, now.toISOString().slice(0, 10)));
  print(`Revue écrite dans ${o.sortie} :`);
  print(`  ${review.nouveaux.length} nouvel(s) indicateur(s), ${review.retires.length} retiré(s), ${review.enAttente.length} en attente`);
  print(
    `  ${review.definitionsModifiees.length} définition(s) modifiée(s), ${review.mouvements.length} chiffre(s) parmi ceux qui ont le plus bougé`,
  );
  return review;
}
