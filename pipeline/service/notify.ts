/** The French messages sent to residents (pure): acknowledgement, each stage, closure with what was done. */
import type { EventType } from "../../schemas/report.ts";
import { RESOLUTION_LABELS, STAGE_LABELS } from "./lifecycle.ts";

/** Where the follow-up link goes in a stored message; the worker fills it at send time, so no token is stored. */
export const FOLLOWUP_PLACEHOLDER = "{{lien_suivi}}";

/** A public contact shown to residents: a service mailbox and phone, never a person. */
export interface PublicContact {
  label: string;
  email: string;
  phone: string;
}

/** A message to write to the outbox. */
export interface Message {
  subject: string;
  body: string;
}

const SIGNATURE = "\n\nCe message est envoyé automatiquement ; merci de ne pas y répondre.\nVille — Signalements\n";

function contactLines(contact: PublicContact): string {
  return `${contact.label}\nCourriel : ${contact.email}\nTéléphone : ${contact.phone}`;
}

/** The acknowledgement: ticket number, service in charge and its contact, follow-up link. */
export function acknowledgementMessage(ticket: string, contact: PublicContact): Message {
  return {
    subject: `Signalement ${ticket} : bien reçu`,
    body:
      `Bonjour,\n\nNous avons bien reçu votre signalement n° ${ticket}.\n` +
      `Il est confié au service suivant, que vous pouvez contacter :\n${contactLines(contact)}\n\n` +
      `La ville s'engage à le traiter sous 15 jours. Suivez chaque étape ici :\n${FOLLOWUP_PLACEHOLDER}` +
      SIGNATURE,
  };
}

/** What an event changes for the resident, as extra lines. */
export interface StageDetails {
  contact: PublicContact;
  plannedDate: string | null;
  resolutionCode: string | null;
  publicNote: string | null;
}

/** A stage change; closure says what was done and how to complain or thank. */
export function stageMessage(ticket: string, event: EventType, d: StageDetails): Message {
  const lines = [`Bonjour,\n\nVotre signalement n° ${ticket} a changé d'étape : ${STAGE_LABELS[event]}.`];
  if (d.plannedDate) lines.push(`Date d'intervention prévue : ${frenchDate(d.plannedDate)}.`);
  if (event === "closed") {
    if (d.resolutionCode) lines.push(`Résultat : ${RESOLUTION_LABELS[d.resolutionCode] ?? d.resolutionCode}.`);
    if (d.publicNote) lines.push(`Ce qui a été fait : ${d.publicNote}`);
    lines.push("Vous n'êtes pas satisfait, ou vous souhaitez remercier le service ? Répondez depuis la page de suivi.");
  }
  lines.push(`\nService en charge :\n${contactLines(d.contact)}\n\nSuivi de votre signalement :\n${FOLLOWUP_PLACEHOLDER}`);
  return { subject: `Signalement ${ticket} : ${STAGE_LABELS[event].toLowerCase()}`, body: lines.join("\n") + SIGNATURE };
}

/** `YYYY-MM-DD` → `JJ/MM/AAAA`. */
export function frenchDate(date: string): string {
  const [y, m, d] = date.split("-");
  return `${d}/${m}/${y}`;
}
