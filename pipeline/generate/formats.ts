/**
 * Each channel record in its native export form (DESIGN.md "Channel inputs"): Open311 JSON Lines,
 * the call desk's CSV row, the back-office event rows. Pure string builders; encoding is the writer's job.
 */
import { BACKOFFICE_HEADERS } from "../../schemas/channels/backoffice.ts";
import type { Open311Request } from "../../schemas/channels/open311.ts";
import { PHONE_HEADERS } from "../../schemas/channels/phone.ts";
import { frenchDate, frenchDateTime, frenchHourMinute, isoWithOffset } from "./paris-clock.ts";
import type { GeneratedRecord } from "./records.ts";
import type { World } from "./world.ts";

/** Line end of the CSV exports. */
export const CRLF = "\r\n";

const NEEDS_QUOTES = /[;"\r\n]/;

/** One CSV field (`;`-separated), quoted RFC 4180-style when it holds the separator, a quote or a line break. */
export function csvField(value: string): string {
  if (NEEDS_QUOTES.test(value)) {
    return `"${value.replaceAll('"', '""')}"`;
  }
  return value;
}

/** One CSV line (without its line end). */
export function csvLine(values: readonly string[]): string {
  return values.map((v) => csvField(v)).join(";");
}

/** Header line of the call desk export. */
export const PHONE_HEADER_LINE = `${PHONE_HEADERS.join(";")}${CRLF}`;
/** Header line of the back-office export. */
export const BACKOFFICE_HEADER_LINE = `${BACKOFFICE_HEADERS.join(";")}${CRLF}`;

/** The Open311 request of a web or app record, fields in the order of the schema. */
export function toOpen311(r: GeneratedRecord): Open311Request {
  const p = r.reporter;
  return {
    service_request_id: r.id,
    service_code: r.category.open311_codes[r.receivedMs % 2 === 0 ? 0 : r.category.open311_codes.length - 1] ?? r.category.code,
    description: r.description,
    lat: r.point ? r.point.lat : null,
    long: r.point ? r.point.lon : null,
    address_string: r.address,
    requested_datetime: isoWithOffset(r.receivedMs),
    first_name: r.gave.name ? p.firstName : null,
    last_name: r.gave.name ? p.lastName : null,
    email: r.gave.email ? p.email : null,
    phone: r.gave.phone ? p.phone : null,
    media_url: r.mediaUrl,
    device: r.channel === "app" ? "app" : "web",
  };
}

/** One JSON Lines line of a web or app record. */
export function open311Line(r: GeneratedRecord): string {
  return `${JSON.stringify(toOpen311(r))}\n`;
}

/** One row of the call desk export. */
export function phoneLine(r: GeneratedRecord, world: World): string {
  const label = r.category.phone_labels[0] ?? { motif: "Autre", sous_motif: "Autre" };
  const quartier = r.receivedMs % 31 === 0 ? "" : (world.districtNames.get(r.district) ?? "");
  const callback = r.gave.phone ? ` Rappeler au ${r.reporter.phone}.` : "";
  const comment =
    r.outcome === "Signalement créé"
      ? `${r.description}${callback}`
      : r.outcome === "Réorienté"
        ? "Orienté vers la Police municipale ; hors compétence"
        : "Information donnée sur les horaires\nRappellera si besoin";
  return (
    csvLine([
      r.id,
      frenchDate(r.receivedMs),
      frenchHourMinute(r.receivedMs),
      r.deskAgent,
      label.motif,
      label.sous_motif,
      r.address ?? "",
      r.postalCode,
      quartier,
      r.gave.name ? `${r.reporter.lastName.toUpperCase()} ${r.reporter.firstName}` : "",
      r.gave.phone ? r.reporter.phone : "",
      comment,
      r.outcome ?? "Signalement créé",
    ]) + CRLF
  );
}

const ORIGINS = { web: "web", app: "app", phone: "téléphone", email: "courriel" } as const;

/** The back-office rows of a report (empty for a contact that created none). */
export function backofficeLines(r: GeneratedRecord): string {
  if (!r.reference) return "";
  let out = "";
  for (const e of r.events) {
    out +=
      csvLine([r.reference, ORIGINS[r.channel], r.id, e.label, frenchDateTime(e.atMs), e.service, e.agent, e.code, e.planned, e.comment]) +
      CRLF;
  }
  return out;
}
