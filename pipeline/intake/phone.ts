/** Pure validation of one call-desk row into a handled call and, when the desk created one, a report. */
import { phoneRowSchema } from "../../schemas/channels/phone.ts";
import type { Report } from "../../schemas/report.ts";
import type { Classifier } from "./classify.ts";
import { type Outcome, orNull, parseInstant, REASONS, refuse, refuseZod, WARNINGS } from "./records.ts";

/** What validating a phone row needs. */
export interface PhoneContext {
  classifier: Classifier;
  nowMs: number;
}

const TIME_IN_DATE = /\d{1,2}[:h]\d{2}/;

/** Validates one row (keyed by header) into a contact and maybe a report, or says why not. */
export function normalizePhoneRow(row: Record<string, string>, ctx: PhoneContext): Outcome {
  const parsed = phoneRowSchema.safeParse(row);
  if (!parsed.success) return refuseZod(parsed.error);
  const r = parsed.data;
  const date = r["Date appel"];
  if (r.Heure === "" && !TIME_IN_DATE.test(date)) return refuse("Heure", REASONS.invalidDate);
  const when = parseInstant(r.Heure === "" ? date : `${date} ${r.Heure}`, "Date appel", ctx.nowMs);
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
