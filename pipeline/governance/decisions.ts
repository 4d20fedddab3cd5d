/**
 * The decision log: elected officials' decisions on indicators, one JSON line each, append-only and
 * hash-chained (each entry carries the sha256 of the previous one and its own), verified on every read.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { IndicatorRegistry } from "../../schemas/published/config.ts";
import { CliError, EXIT } from "../errors.ts";
import { PROJECT_ROOT } from "../reference.ts";
import { canonicalJson, type IndicatorDefinition, sha256Hex } from "./registry.ts";

/** The committed log of the city's decisions. */
export const DEFAULT_DECISIONS_FILE = path.join(PROJECT_ROOT, "config", "decisions.jsonl");
/** Hash standing for "no previous entry". */
export const GENESIS = "0".repeat(64);

const sha = z.string().regex(/^[0-9a-f]{64}$/);

/** One recorded decision. */
export const decisionEntrySchema = z.strictObject({
  horodatage: z.iso.datetime(),
  indicateur: z.string().regex(/^[a-z0-9_]+$/),
  decision: z.enum(["approuve", "retenu"]),
  par: z.string().trim().min(1),
  ref: z.string().trim().min(1),
  motif: z.string().nullable(),
  empreinte: sha,
  precedent: sha,
  hash: sha,
});
/** One recorded decision. */
export type DecisionEntry = z.infer<typeof decisionEntrySchema>;
/** What a person decides; the log adds time, fingerprint and chain. */
export type DecisionInput = Pick<DecisionEntry, "indicateur" | "decision" | "par" | "ref" | "motif" | "empreinte">;

/** The hash of an entry: sha256 of its canonical JSON without the `hash` field. */
export function entryHash(entry: Omit<DecisionEntry, "hash">): string {
  return sha256Hex(canonicalJson(entry));
}

/** Parses and verifies a log's text; throws a French CliError naming the first broken line. */
export function parseDecisionLog(text: string, label = "journal des décisions"): DecisionEntry[] {
  const entries: DecisionEntry[] = [];
  let previous = GENESIS;
  const lines = text.split("\n");
  for (const [index, line] of lines.entries()) {
    if (line.trim() === "") {
      if (index === lines.length - 1) continue;
      throw tampered(label, index + 1, "ligne vide");
    }
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      throw tampered(label, index + 1, "ligne illisible");
    }
    const parsed = decisionEntrySchema.safeParse(raw);
    if (!parsed.success) throw tampered(label, index + 1, "entrée mal formée");
    const { hash, ...rest } = parsed.data;
    if (rest.precedent !== previous) throw tampered(label, index + 1, "chaînage rompu (entrée supprimée, insérée ou déplacée)");
    if (entryHash(rest) !== hash) throw tampered(label, index + 1, "contenu modifié après enregistrement");
    entries.push(parsed.data);
    previous = hash;
  }
  return entries;
}

function tampered(label: string, line: number, why: string): CliError {
  return new CliError(
    `${label} altéré, ligne ${line} : ${why}. Aucune publication n'est possible tant qu'il n'est pas rétabli.`,
    EXIT.data,
    "Rétablissez le fichier depuis l'historique du dépôt ; une décision ne se corrige que par une nouvelle décision.",
  );
}

/** Reads and verifies the log at `file` (absent = no decision yet). */
export function readDecisionLog(file: string): DecisionEntry[] {
  if (!existsSync(file)) return [];
  return parseDecisionLog(readFileSync(file, "utf8"), `journal des décisions (${path.basename(file)})`);
}

/** Appends one decision at time `now` after verifying the whole log; returns the recorded entry. */
export function appendDecision(file: string, input: DecisionInput, now: Date): DecisionEntry {
  const entries = readDecisionLog(file);
  const body = {
    horodatage: now.toISOString(),
    ...input,
    par: input.par.trim(),
    ref: input.ref.trim(),
    motif: input.motif?.trim() || null,
    precedent: entries.at(-1)?.hash ?? GENESIS,
  };
  const entry = decisionEntrySchema.parse({ ...body, hash: entryHash(body) });
  mkdirSync(path.dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify(entry)}\n`, { flag: "a" });
  return entry;
}

/** The status of one indicator, resolved from its latest decision and its current fingerprint. */
export interface IndicatorStatus {
  definition: IndicatorDefinition;
  statut: "approved" | "withheld" | "pending";
  /** Latest decision on this indicator (any fingerprint), if any. */
  derniere: DecisionEntry | undefined;
  /** True when the latest decision was taken on another definition. */
  definitionModifiee: boolean;
}

/** Resolves every indicator: a decision counts only for the fingerprint it was taken on. */
export function resolveStatuses(definitions: IndicatorDefinition[], entries: DecisionEntry[]): IndicatorStatus[] {
  return definitions.map((definition) => {
    const derniere = entries.filter((e) => e.indicateur === definition.id).at(-1);
    const definitionModifiee = derniere !== undefined && derniere.empreinte !== definition.fingerprint;
    const statut = !derniere || definitionModifiee ? "pending" : derniere.decision === "approuve" ? "approved" : "withheld";
    return { definition, statut, derniere, definitionModifiee };
  });
}

/** The status in French: `approuvé`, `retenu (non publié)`, `en attente`. */
export function statusLabel(status: IndicatorStatus): string {
  if (status.statut === "approved") return "approuvé";
  if (status.statut === "withheld") return "retenu (non publié)";
  return status.definitionModifiee ? "en attente (définition modifiée depuis la décision)" : "en attente";
}

/** The resolved statuses in the shape the release reads (decision date = UTC day of the decision). */
export function toPublicationRegistry(statuses: IndicatorStatus[]): IndicatorRegistry {
  return {
    version: "journal",
    indicateurs: statuses.map((s) => {
      const decided = s.statut !== "pending" && s.derniere ? s.derniere : undefined;
      return {
        table: s.definition.id,
        definition: s.definition.description,
        decision: s.statut,
        decide_par: decided?.par ?? null,
        decide_le: decided ? decided.horodatage.slice(0, 10) : null,
        deliberation: decided?.ref ?? null,
        ...(decided ? { empreinte: decided.empreinte, motif: decided.motif } : {}),
      };
    }),
  };
}
