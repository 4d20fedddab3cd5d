/**
 * Canary records: one synthetic resident per channel whose every personal field holds a unique,
 * recognisable value, so that a scan of the outputs can prove none of it leaks.
 */
import { createHash } from "node:crypto";
import iconv from "iconv-lite";

/** The planted values, by the personal field they stand for. */
export const CANARIES = {
  firstName: "Zorglubine",
  lastName: "Canarivox",
  email: "zorglubine.canarivox@exemple.invalid",
  phoneSpaced: "06 13 57 92 46",
  phoneCompact: "0613579246",
  phoneIntl: "+33 6 13 57 92 48",
  phoneDotted: "06.13.57.92.47",
  plate: "ZQ-417-XK",
  iban: "FR76 3000 6000 0112 3456 7890 189",
  address: "17 rue du Canari-Témoin",
  description: "Signalé par Zorglubine Canarivox, plaque ZQ-417-XK",
  latitude: "48.583917",
  longitude: "7.745829",
  agent: "Agentix Canarivolt",
  comment: "Rappeler Canarivox au 06.13.57.92.47",
  callerName: "CANARIVOX Zorglubine",
  emailSubject: "Nid de poule signalé par Canarivox",
  emailBody: "Bonjour, je suis Zorglubine Canarivox (IBAN FR76 3000 6000 0112 3456 7890 189).",
} as const;

/** Every form in which a planted value could leak: as is, lowercase, without spaces, digits only, URL-encoded, unkeyed hashes. */
export function variants(value: string): string[] {
  const out = new Set<string>([value, value.toLowerCase(), value.replace(/\s+/g, ""), value.toLowerCase().replace(/\s+/g, "")]);
  const digits = value.replace(/\D/g, "");
  if (digits.length >= 8) out.add(digits);
  out.add(encodeURIComponent(value));
  for (const v of [...out]) {
    out.add(createHash("sha256").update(v).digest("hex"));
    out.add(createHash("md5").update(v).digest("hex"));
  }
  return [...out];
}

/** A web request line holding canaries in every personal field. */
export function canaryWebLine(): string {
  return `${JSON.stringify({
    service_request_id: "WEB-CANARI-000001",
    service_code: "nid_de_poule",
    description: `${CANARIES.description}, IBAN ${CANARIES.iban}, tél. ${CANARIES.phoneIntl}`,
    lat: Number(CANARIES.latitude),
    long: Number(CANARIES.longitude),
    address_string: CANARIES.address,
    requested_datetime: "2026-01-14T10:15:00+01:00",
    first_name: CANARIES.firstName,
    last_name: CANARIES.lastName,
    email: CANARIES.email,
    phone: CANARIES.phoneSpaced,
    media_url: `https://medias.exemple.invalid/${CANARIES.lastName}.jpg`,
    device: "web",
  })}\n`;
}

/** A phone export (Windows-1252) with one canary call that created a report. */
export function canaryPhoneCsv(): Buffer {
  const header =
    "N° appel;Date appel;Heure;Agent;Motif;Sous-motif;Adresse;Code postal;Quartier;Nom appelant;Téléphone appelant;Commentaire;Suite donnée";
  const row = [
    "TEL-CANARI-000001",
    "15/01/2026",
    "09:30",
    CANARIES.agent,
    "Voirie",
    "Nid de poule",
    CANARIES.address,
    "67000",
    "Strasbourg-centre",
    CANARIES.callerName,
    CANARIES.phoneCompact,
    `"${CANARIES.comment}"`,
    "Signalement créé",
  ].join(";");
  return iconv.encode(`${header}\r\n${row}\r\n`, "win1252");
}

/** An mbox with one canary message. */
export function canaryMbox(): string {
  return [
    "From canari@exemple.invalid Fri Jan 16 08:00:00 2026",
    `From: ${CANARIES.firstName} ${CANARIES.lastName} <${CANARIES.email}>`,
    "To: signalements@exemple.invalid",
    `Subject: ${CANARIES.emailSubject}`,
    "Date: Fri, 16 Jan 2026 09:00:00 +0100",
    "Message-ID: <canari-000001@exemple.invalid>",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    `${CANARIES.emailBody} Plaque ${CANARIES.plate}, ${CANARIES.address}.`,
    "",
  ].join("\n");
}

/** Back-office events for the three canary reports, with canary agents and comments. */
export function canaryBackoffice(): string {
  const header = "Référence;Origine;Réf. origine;Événement;Date événement;Service;Agent;Code résolution;Date prévue;Commentaire";
  const rows: string[] = [];
  const add = (ref: string, origin: string, originRef: string, event: string, when: string, extra: string[] = ["", "", ""]) =>
    rows.push([ref, origin, originRef, event, when, "VOIRIE", CANARIES.agent, ...extra.slice(0, 2), `"${CANARIES.comment}"`].join(";"));
  add("SIG-CANARI-1", "web", "WEB-CANARI-000001", "Création", "14/01/2026 10:20:00");
  add("SIG-CANARI-1", "web", "WEB-CANARI-000001", "Affectation", "14/01/2026 11:00:00");
  add("SIG-CANARI-1", "web", "WEB-CANARI-000001", "Clôture", "20/01/2026 16:00:00", ["REPARE", ""]);
  add("SIG-CANARI-2", "téléphone", "TEL-CANARI-000001", "Création", "15/01/2026 09:40:00");
  add("SIG-CANARI-2", "téléphone", "TEL-CANARI-000001", "Affectation", "15/01/2026 10:00:00");
  add("SIG-CANARI-3", "courriel", "<canari-000001@exemple.invalid>", "Création", "16/01/2026 10:00:00");
  add("SIG-CANARI-3", "courriel", "<canari-000001@exemple.invalid>", "Affectation", "16/01/2026 10:30:00");
  return `\uFEFF${header}\r\n${rows.join("\r\n")}\r\n`;
}
