/** Pure validation of one back-office export row into a status event. */
import {
  BACKOFFICE_EVENTS,
  BACKOFFICE_ORIGINS,
  type BackofficeRow,
  backofficeRowSchema,
  COMPLAINT_CODES,
  RESOLUTION_CODES,
} from "../../schemas/channels/backoffice.ts";
import type { EventType, StatusEvent } from "../../schemas/report.ts";
import { daysInMonth, pad } from "../core/time.ts";
import { type Outcome, optionalTrimmed, orNull, parseInstant, REASONS, refuse, refuseZod, WARNINGS } from "./records.ts";

/**
 * What validating a back-office row needs; `receivedAt` looks up when the origin record was received,
 * `creationKey` the key of the reference's `Création` already accepted.
 */
export interface BackofficeContext extends BackofficeLookups {
  serviceCodes: ReadonlySet<string>;
  nowMs: number;
}

const FRENCH_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `dd/mm/yyyy` (or ISO) → `YYYY-MM-DD`, or null when not a real date. */
export function parsePlannedDate(text: string): string | null {
  const fr = FRENCH_DATE.exec(text);
  const iso = ISO_DATE.exec(text);
  const [y, m, d] = fr ? [fr[3], fr[2], fr[1]] : iso ? [iso[1], iso[2], iso[3]] : [];
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (!y || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

const ORIGINS: ReadonlySet<string> = new Set(Object.keys(BACKOFFICE_ORIGINS));
const EVENTS: ReadonlySet<string> = new Set(Object.keys(BACKOFFICE_EVENTS));
const CODES: ReadonlySet<string> = new Set(["", ...RESOLUTION_CODES, ...Object.keys(COMPLAINT_CODES)]);

/**
 * The row as `backofficeRowSchema` would parse it, when it certainly passes; null otherwise, and the
 * schema then runs and gives the exact reason. Keeps zod off the hot path (a test checks both agree).
 */
export function fastBackofficeRow(row: Record<string, unknown>): BackofficeRow | null {
  const reference = row.Référence;
  const origin = row.Origine;
  const originRef = row["Réf. origine"];
  const event = row.Événement;
  const date = row["Date événement"];
  const comment = row.Commentaire === undefined ? "" : row.Commentaire;
  if (typeof reference !== "string" || typeof origin !== "string" || typeof originRef !== "string") return null;
  if (typeof event !== "string" || typeof date !== "string" || typeof comment !== "string") return null;
  const r = {
    Référence: reference.trim(),
    Origine: origin.trim(),
    "Réf. origine": originRef.trim(),
    Événement: event.trim(),
    "Date événement": date.trim(),
    Service: optionalTrimmed(row.Service),
    Agent: optionalTrimmed(row.Agent),
    "Code résolution": optionalTrimmed(row["Code résolution"]),
    "Date prévue": optionalTrimmed(row["Date prévue"]),
    Commentaire: comment,
  };
  const n = r.Référence.length;
  const m = r["Réf. origine"].length;
  if (n < 1 || n > 64 || m < 1 || m > 998 || r["Date événement"] === "") return null;
  if (!ORIGINS.has(r.Origine) || !EVENTS.has(r.Événement)) return null;
  if (r.Service === undefined || r.Agent === undefined || r["Date prévue"] === undefined) return null;
  if (r["Code résolution"] === undefined || !CODES.has(r["Code résolution"])) return null;
  return r as BackofficeRow;
}

/** What the order checks look up in the records already accepted (the store, or a dry run's view of it). */
export interface BackofficeLookups {
  receivedAt: (channel: string, ref: string) => string | null;
  creationKey: (reference: string) => string | null;
}

/**
 * Validates one row (keyed by header) on its own: everything but the order checks against the records
 * before it (`checkBackofficeOrder`). Pure, so it may run on another thread than the store.
 */
export function prevalidateBackofficeRow(row: Record<string, string>, ctx: Pick<BackofficeContext, "serviceCodes" | "nowMs">): Outcome {
  let r = fastBackofficeRow(row);
  if (r === null) {
    const parsed = backofficeRowSchema.safeParse(row);
    if (!parsed.success) return refuseZod(parsed.error);
    r = parsed.data;
  }
  const when = parseInstant(r["Date événement"], "Date événement", ctx.nowMs);
  if (!when.ok) return when;
  if (r.Service !== "" && !ctx.serviceCodes.has(r.Service)) return refuse("Service", REASONS.unknownService);
  let planned: string | null = null;
  if (r["Date prévue"] !== "") {
    planned = parsePlannedDate(r["Date prévue"]);
    if (planned === null) return refuse("Date prévue", REASONS.invalidPlannedDate);
  }
  const eventType = BACKOFFICE_EVENTS[r.Événement] as EventType;
  const channel = BACKOFFICE_ORIGINS[r.Origine] as StatusEvent["origin_channel"];
  const code = r["Code résolution"];
  const warnings: string[] = [];
  let resolution: string | null = null;
  if (eventType === "closed") {
    if (code !== "" && !(RESOLUTION_CODES as readonly string[]).includes(code))
      return refuse("Code résolution", REASONS.resolutionOnClosure);
    if (code === "") warnings.push(WARNINGS.closureWithoutCode);
    resolution = orNull(code);
  }
  const complaint = eventType === "complaint" && code in COMPLAINT_CODES ? COMPLAINT_CODES[code as keyof typeof COMPLAINT_CODES] : null;
  return {
    ok: true,
    warnings,
    event: {
      source: "backoffice",
      source_key: `${r.Référence}|${r.Événement}|${r["Date événement"]}`,
      reference: r.Référence,
      origin_channel: channel,
      origin_ref: r["Réf. origine"],
      event_type: eventType,
      occurred_at: when.instant,
      service_code: orNull(r.Service),
      agent: orNull(r.Agent),
      resolution_code: resolution,
      planned_date: planned,
      complaint_reason: complaint,
      comment: orNull(r.Commentaire),
    },
  };
}

/**
 * The order checks of an event valid on its own, against the records accepted before it: one `Création` per
 * reference, and no lifecycle event before the reception (the store applies the same rule when the record
 * comes later). Returns the outcome itself when both hold.
 */
export function checkBackofficeOrder(outcome: Outcome, lookups: BackofficeLookups): Outcome {
  const e = outcome.ok ? outcome.event : undefined;
  if (e === undefined) return outcome;
  if (e.event_type === "received") {
    const creation = lookups.creationKey(e.reference);
    if (creation !== null && creation !== e.source_key) return refuse("Référence", REASONS.secondCreation);
  } else {
    const received = lookups.receivedAt(e.origin_channel, e.origin_ref);
    if (received !== null && e.occurred_at < received)
      return refuse("Date événement", e.event_type === "closed" ? REASONS.closureBeforeReception : REASONS.eventBeforeReception);
  }
  return outcome;
}

/** Validates one row (keyed by header) into a status event, or says why not. */
export function normalizeBackofficeRow(row: Record<string, string>, ctx: BackofficeContext): Outcome {
  return checkBackofficeOrder(prevalidateBackofficeRow(row, ctx), ctx);
}
