/** Pure validation of one web/app JSON Lines request into a report. */
import { open311RequestSchema } from "../../schemas/channels/open311.ts";
import type { Locator } from "../core/districts.ts";
import type { Classifier } from "./classify.ts";
import { type Outcome, orNull, parseInstant, REASONS, refuse, refuseZod, WARNINGS } from "./records.ts";

/** What validating a web/app line needs. */
export interface Open311Context {
  source: "web" | "app";
  classifier: Classifier;
  locator: Locator;
  nowMs: number;
}

/** Validates one JSON Lines line (text) into a report, or says why not. */
export function normalizeOpen311Line(text: string, ctx: Open311Context): Outcome {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return refuse(null, REASONS.invalidJson);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return refuse(null, REASONS.notAnObject);
  const parsed = open311RequestSchema.safeParse(value);
  if (!parsed.success) return refuseZod(parsed.error);
  const r = parsed.data;
  if (r.device !== ctx.source) return refuse("device", REASONS.wrongDevice(r.device, ctx.source));
  const when = parseInstant(r.requested_datetime, "requested_datetime", ctx.nowMs);
  if (!when.ok) return when;
  const lat = r.lat ?? null;
  const lon = r.long ?? null;
  if ((lat === null) !== (lon === null)) return refuse(lat === null ? "lat" : "long", REASONS.halfCoordinates);
  let district: string | null = null;
  if (lat !== null && lon !== null) {
    district = ctx.locator.district(lon, lat);
    // The district and commune layers are simplified differently: a point in a district is in the metro area.
    if (district === null && ctx.locator.commune(lon, lat) === null) return refuse("lat", REASONS.outsideMetro);
  }
  const category = ctx.classifier.byOpen311(r.service_code);
  const name = [r.first_name, r.last_name].filter((v): v is string => v !== null).join(" ");
  return {
    ok: true,
    warnings: category.fallback ? [WARNINGS.fallbackCategory] : [],
    report: {
      channel: r.device,
      source_id: r.service_request_id,
      received_at: when.instant,
      category_code: category.code,
      raw_category: r.service_code,
      service_code: null,
      lat,
      lon,
      district_code: district,
      address: r.address_string,
      reporter_name: orNull(name),
      reporter_email: r.email,
      reporter_phone: r.phone,
      description: r.description,
      media_url: r.media_url,
    },
  };
}
