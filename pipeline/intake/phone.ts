/** Pure validation of one call-desk row into a handled call and, when the desk created one, a report. */
import { PHONE_OUTCOMES, type PhoneRow, phoneRowSchema } from "../../schemas/channels/phone.ts";
import type { Report } from "../../schemas/report.ts";
import type { Classifier } from "./classify.ts";
import {
  instantParser,
  type Outcome,
  optionalTrimmed as optional,
  orNull,
  type parseInstant,
  REASONS,
  refuse,
  refuseZod,
  WARNINGS,
} from "./records.ts";

/** What validating a phone row needs. */
export interface PhoneContext {
  classifier: Classifier;
  nowMs: number;
}

const TIME_IN_DATE = /\d{1,2}[:h]\d{2}/;
const OUTCOMES: ReadonlySet<string> = new Set(PHONE_OUTCOMES);

/**
 * The row as `phoneRowSchema` would parse it, when it certainly passes; null otherwise, and the
 * schema then runs and gives the exact reason. Keeps zod off the hot path (a test checks both agree).
 */
export function fastPhoneRow(row: Record<string, unknown>): PhoneRow | null {
  const id = row["N° appel"];
  const date = row["Date appel"];
  const heure = row.Heure;
  const motif = row.Motif;
  const suite = row["Suite donnée"];
  const comment = row.Commentaire === undefined ? "" : row.Commentaire;
  if (typeof id !== "string" || typeof date !== "string" || typeof heure !== "string") return null;
  if (typeof motif !== "string" || typeof suite !== "string" || typeof comment !== "string") return null;
  const r = {
    "N° appel": id.trim(),
    "Date appel": date.trim(),
    Heure: heure.trim(),
    Agent: optional(row.Agent),
    Motif: motif.trim(),
    "Sous-motif": optional(row["Sous-motif"]),
    Adresse: optional(row.Adresse),
    "Code postal": optional(row["Code postal"]),
    Quartier: optional(row.Quartier),
    "Nom appelant": optional(row["Nom appelant"]),
    "Téléphone appelant": optional(row["Téléphone appelant"]),
    Commentaire: comment,
    "Suite donnée": suite.trim(),
  };
  const n = r["N° appel"].length;
  if (n < 1 || n > 64 || r["Date appel"] === "" || r.Motif === "" || !OUTCOMES.has(r["Suite donnée"])) return null;
  if (r.Agent === undefined || r["Sous-motif"] === undefined || r.Adresse === undefined || r["Code postal"] === undefined) return null;
  if (r.Quartier === undefined || r["Nom appelant"] === undefined || r["Téléphone appelant"] === undefined) return null;
  return r as PhoneRow;
}

const parsers = new WeakMap<PhoneContext, (text: string) => ReturnType<typeof parseInstant>>();

/** The context's cached date parser (one per context, so `nowMs` is fixed). */
function parserOf(ctx: PhoneContext): (text: string) => ReturnType<typeof parseInstant> {
  let parse = parsers.get(ctx);
  if (!parse) {
    parse = instantParser("Date appel", ctx.nowMs);
    parsers.set(ctx, parse);
  }
  return parse;
}

/** Validates one row (keyed by header) into a contact and maybe a report, or says why not. */
export function normalizePhoneRow(row: Record<string, string>, ctx: PhoneContext): Outcome {
  let r = fastPhoneRow(row);
  if (r === null) {
    const parsed = phoneRowSchema.safeParse(row);
    if (!parsed.success) return refuseZod(parsed.error);
    r = parsed.data;
  }
  const date = r["Date appel"];
  if (r.Heure === "" && !TIME_IN_DATE.test(date)) return refuse("Heure", REASONS.invalidDate);
  const when = parserOf(ctx)(r.Heure === "" ? date : `${date} ${r.Heure}`);
  if (!when.ok) return when.reason === REASONS.dstGap ? refuse("Heure", when.reason) : when;
  const category = ctx.classifier.byPhone(r.Motif, r["Sous-motif"]);
  const warnings: string[] = category.fallback ? [WARNINGS.fallbackCategory] : [];
  const rawCategory = r["Sous-motif"] === "" ? r.Motif : `${r.Motif} / ${r["Sous-motif"]}`;
  const id = r["N° appel"];
  let report: Report | undefined;
  if (r["Suite donnée"] === "Signalement créé") {
    const district = r.Quartier === "" ? null : ctx.classifier.districtByName(r.Quartier);
    if (r.Quartier !== "" && district === null) warnings.push(WARNINGS.unknownDistrict);
    const address = [r.Adresse, r["Code postal"]].filter((v) => v !== "").join(" ");
    report = {
      channel: "phone",
      source_id: id,
      received_at: when.instant,
      category_code: category.code,
      raw_category: rawCategory,
      service_code: null,
      lat: null,
      lon: null,
      district_code: district,
      address: orNull(address),
      reporter_name: orNull(r["Nom appelant"]),
      reporter_email: null,
      reporter_phone: orNull(r["Téléphone appelant"]),
      description: orNull(r.Commentaire),
      media_url: null,
    };
  }
  return {
    ok: true,
    warnings,
    contact: {
      channel: "phone",
      source_id: id,
      kind: "call_handled",
      received_at: when.instant,
      outcome: r["Suite donnée"],
      category_code: category.code,
      sender: orNull(r["Nom appelant"]),
      subject: rawCategory,
      body: orNull(r.Commentaire),
    },
    report,
  };
}
