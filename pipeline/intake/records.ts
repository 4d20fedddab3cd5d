/** What a channel record becomes once validated (pure types and shared checks), and the French reject reasons. */
import type { ZodError } from "zod";
import type { Contact, Report, StatusEvent } from "../../schemas/report.ts";
import { parseFrenchOrIsoDateTime, toUtcInstant } from "../core/time.ts";

/** The sources `ingest` reads. */
export const INGEST_SOURCES = ["web", "app", "phone", "email", "backoffice"] as const;
/** One of the sources `ingest` reads. */
export type IngestSource = (typeof INGEST_SOURCES)[number];

/** French reject reasons shared by every format (zod messages come from the schemas). */
export const REASONS = {
  invalidJson: "JSON invalide",
  notAnObject: "la ligne n'est pas un objet JSON",
  unterminated: "ligne tronquée (guillemet non fermé)",
  columnCount: (got: number, want: number) => `nombre de colonnes incorrect (${got} au lieu de ${want})`,
  duplicate: "identifiant en double dans le fichier",
  future: "date dans le futur",
  before2000: "date antérieure à 2000",
  invalidDate: "date ou heure invalide",
  dstGap: "heure inexistante (passage à l'heure d'été)",
  outsideMetro: "coordonnées hors de l'Eurométropole",
  halfCoordinates: "coordonnées incomplètes (lat et long vont ensemble)",
  wrongDevice: (got: string, want: string) => `canal « ${got} » différent de la source demandée « ${want} »`,
  unknownService: "service inconnu",
  closureBeforeReception: "clôture antérieure à la réception",
  eventBeforeReception: "événement antérieur à la réception",
  secondCreation: "création en double pour cette référence",
  conflict: "contenu différent de l'enregistrement déjà chargé sous cet identifiant",
  invalidMessageEncoding: "encodage invalide : octets non UTF-8 dans le message",
  messageTooLong: (lineReason: string) => lineReason.replace("ligne trop longue", "message trop long"),
  missingColumn: (name: string) => `colonne obligatoire manquante : « ${name} »`,
  noSeparator: "texte hors message (pas de ligne de séparation « From »)",
  unreadableMessage: "message illisible",
  invalidPlannedDate: "date prévue invalide (attendu jj/mm/aaaa)",
  resolutionOnClosure: "code de résolution inconnu pour une clôture",
} as const;

/** French warnings: the record is kept, something was assumed. */
export const WARNINGS = {
  fallbackCategory: "catégorie inconnue, rangée dans la catégorie de repli",
  unknownDistrict: "quartier inconnu, laissé vide",
  closureWithoutCode: "clôture sans code de résolution",
} as const;

/** A record accepted at the boundary: what to store, plus warnings. */
export interface Accepted {
  ok: true;
  /** The record keyed for idempotency; duplicates within a file are detected on it. */
  report?: Report;
  contact?: Contact;
  event?: StatusEvent;
  warnings: string[];
}

/** A record refused at the boundary: the field and the reason (never the value). */
export interface Refused {
  ok: false;
  field: string | null;
  reason: string;
}

/** The result of validating one record. */
export type Outcome = Accepted | Refused;

/** A refusal. */
export function refuse(field: string | null, reason: string): Refused {
  return { ok: false, field, reason };
}

/** The first zod issue as a refusal: its path as the field, its message as the reason. */
export function refuseZod(error: ZodError): Refused {
  const issue = error.issues[0];
  return refuse(issue && issue.path.length > 0 ? issue.path.map(String).join(".") : null, issue?.message ?? "enregistrement invalide");
}

const YEAR_2000 = Date.UTC(2000, 0, 1) - 3_600_000;

/** Checks an instant is between 2000 and `nowMs`; returns the reason when not. */
export function instantProblem(epochMs: number, nowMs: number): string | null {
  if (epochMs > nowMs) return REASONS.future;
  if (epochMs < YEAR_2000) return REASONS.before2000;
  return null;
}

/** Parses a French or ISO date-time (Europe/Paris) into a stored UTC instant, checked against `nowMs`. */
export function parseInstant(text: string, field: string, nowMs: number): { ok: true; instant: string } | Refused {
  const parsed = parseFrenchOrIsoDateTime(text);
  if (!parsed.ok) return refuse(field, parsed.error === "dst_gap" ? REASONS.dstGap : REASONS.invalidDate);
  const problem = instantProblem(parsed.epochMs, nowMs);
  if (problem) return refuse(field, problem);
  return { ok: true, instant: toUtcInstant(parsed.epochMs) };
}

/** How many distinct keys a look-up cache keeps before starting afresh (keeps memory bounded). */
const MEMO_LIMIT = 50_000;

/** A bounded cache for pure look-ups: exports repeat the same labels and minutes over millions of rows. */
export function boundedCache<T>(): (key: string, compute: () => T) => T {
  const cache = new Map<string, T>();
  return (key, compute) => {
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const value = compute();
    if (cache.size >= MEMO_LIMIT) cache.clear();
    cache.set(key, value);
    return value;
  };
}

/** `parseInstant` for one field and one `nowMs`, cached: a file holds far fewer distinct minutes than rows. */
export function instantParser(field: string, nowMs: number): (text: string) => ReturnType<typeof parseInstant> {
  const cached = boundedCache<ReturnType<typeof parseInstant>>();
  return (text) => cached(text, () => parseInstant(text, field, nowMs));
}

/**
 * An optional trimmed text column as the channel schemas read it (`text.default("")`): absent means "",
 * a string is trimmed, anything else is undefined (left to the schema, which then gives the reason).
 */
export function optionalTrimmed(value: unknown): string | undefined {
  if (value === undefined) return "";
  return typeof value === "string" ? value.trim() : undefined;
}

/** Empty strings become null. */
export function orNull(text: string | null | undefined): string | null {
  return text == null || text.trim() === "" ? null : text;
}
