/** One generated email as an mboxrd entry: "From " separator, RFC 5322 headers, MIME body. Pure. */
import { base64Lines, encodeWord, mboxrdEscape, quotedPrintable } from "./mime.ts";
import { frenchDateTime, mboxDate, rfc5322Date } from "./paris-clock.ts";
import type { GeneratedRecord } from "./records.ts";

const MAILBOX = "signalements@strasbourg.example.fr";

/** Header text as is when ASCII and unencoded style was drawn, else as RFC 2047 encoded words. */
function encoded(text: string, encoding: "B" | "Q" | "none"): string {
  if (encoding === "none") return /^[\x20-\x7e]*$/.test(text) ? text : encodeWord(text, "Q");
  return encodeWord(text, encoding);
}

/** The resident's plain-text message. */
export function emailBody(r: GeneratedRecord): string {
  const p = r.reporter;
  const lines = ["Bonjour,", "", r.description, "", `Adresse : ${r.address ?? "non précisée"}, ${r.postalCode} Strasbourg`, ""];
  if (r.gave.phone) lines.push(`Tél. : ${p.phone}`);
  lines.push("Cordialement,", `${p.firstName} ${p.lastName}`);
  if (r.email?.forwarded) {
    lines.push(
      "",
      "---- Message d'origine ----",
      `From ${p.firstName} ${p.lastName} le ${frenchDateTime(r.receivedMs - 86_400_000)}`,
      "> Déjà signalé la semaine dernière.",
    );
  }
  return lines.join("\n");
}

function bodyPart(r: GeneratedRecord, text: string): string {
  const style = r.email;
  switch (style?.transfer) {
    case "quoted-printable":
      return `Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n${quotedPrintable(text)}\n`;
    case "base64":
      return `Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n${base64Lines(text)}\n`;
    case "multipart": {
      const boundary = `=_part_${r.id.replace(/[^0-9a-z]/g, "").slice(-20)}`;
      const html = `<html><body><p>${text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\n/g, "<br>\n")}</p></body></html>`;
      return [
        `Content-Type: multipart/alternative; boundary="${boundary}"`,
        "",
        "This is a multi-part message in MIME format.",
        `--${boundary}`,
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: quoted-printable",
        "",
        quotedPrintable(text),
        `--${boundary}`,
        "Content-Type: text/html; charset=utf-8",
        "Content-Transfer-Encoding: base64",
        "",
        base64Lines(html),
        `--${boundary}--`,
        "",
      ].join("\n");
    }
    default:
      return `Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n${text}\n`;
  }
}

/** The mboxrd entry of an email record, ending with the blank line that separates messages. */
export function mboxEntry(r: GeneratedRecord): string {
  const style = r.email;
  if (!style) throw new Error(`pas un courriel : ${r.id}`);
  const p = r.reporter;
  const name = r.gave.name ? `${encoded(`${p.firstName} ${p.lastName}`, style.nameEncoding)} ` : "";
  const headers = [
    `From ${p.email} ${mboxDate(r.receivedMs)}`,
    `Message-ID: ${r.id}`,
    `Date: ${rfc5322Date(r.receivedMs)}`,
    `From: ${name}<${p.email}>`,
    `To: ${MAILBOX}`,
    `Subject: ${encoded(style.subject, style.subjectEncoding)}`,
    "MIME-Version: 1.0",
  ];
  return `${headers.join("\n")}\n${mboxrdEscape(bodyPart(r, emailBody(r)))}\n`;
}
