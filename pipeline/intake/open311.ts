/** Pure validation of one web/app JSON Lines request into a report. */
import { z } from "zod";
import { type Open311Request, open311RequestSchema } from "../../schemas/channels/open311.ts";
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

/** The schema's own ISO 8601 date-time with offset (`z.iso.datetime({ offset: true })`). */
const DATETIME = z.regexes.datetime({ offset: true });

/** An optional text field as the schema reads it: null when absent or blank; false when the schema must decide. */
function optionalText(value: unknown, max: number): string | null | false {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string" || value.length > max) return false;
  return value.trim() === "" ? null : value;
}

/** An optional coordinate: undefined or null kept as is; false when the schema must decide. */
function coordinate(value: unknown, limit: number): number | null | undefined | false {
  if (value === undefined || value === null) return value;
  return typeof value === "number" && Number.isFinite(value) && value >= -limit && value <= limit ? value : false;
}

/**
 * The request as `open311RequestSchema` would parse it, when it certainly passes; null otherwise, and the
 * schema then runs and gives the exact reason. Keeps zod off the hot path (a test checks both agree).
 */
export function fastOpen311Request(value: Record<string, unknown>): Open311Request | null {
  const id = value.service_request_id;
  const code = value.service_code;
  const when = value.requested_datetime;
  const device = value.device;
  if (typeof id !== "string" || typeof code !== "string" || typeof when !== "string") return null;
  const trimmedId = id.trim();
  if (trimmedId.length < 1 || trimmedId.length > 64 || code.length < 1 || !DATETIME.test(when)) return null;
  if (device !== "web" && device !== "app") return null;
  const lat = coordinate(value.lat, 90);
  const long = coordinate(value.long, 180);
  const description = optionalText(value.description, 4000);
  const address = optionalText(value.address_string, 500);
  const firstName = optionalText(value.first_name, 200);
  const lastName = optionalText(value.last_name, 200);
  const email = optionalText(value.email, 320);
  const phone = optionalText(value.phone, 50);
  const media = optionalText(value.media_url, 2000);
  if (lat === false || long === false || description === false || address === false || firstName === false) return null;
  if (lastName === false || email === false || phone === false || media === false) return null;
  return {
    service_request_id: trimmedId,
    service_code: code,
    description,
    lat,
    long,
    address_string: address,
    requested_datetime: when,
    first_name: firstName,
    last_name: lastName,
    email,
    phone,
    media_url: media,
    device,
  };
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
  let r = fastOpen311Request(value as Record<string, unknown>);
  if (r === null) {
    const parsed = open311RequestSchema.safeParse(value);
    if (!parsed.success) return refuseZod(parsed.error);
    r = parsed.data;
  }
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
