import { z } from "zod";
import type { EventType } from "../report.ts";

/** Columns of the dispatch tool's event export. */
export const BACKOFFICE_HEADERS = [
  "Référence",
  "Origine",
  "Réf. origine",
  "Événement",
  "Date événement",
  "Service",
  "Agent",
  "Code résolution",
  "Date prévue",
  "Commentaire",
] as const;
export type BackofficeHeader = (typeof BACKOFFICE_HEADERS)[number];

/** Columns that must be present for the file to be read at all. */
export const BACKOFFICE_REQUIRED_HEADERS: readonly BackofficeHeader[] = [
  "Référence",
  "Origine",
  "Réf. origine",
  "Événement",
  "Date événement",
];

/** French event labels of the export → lifecycle event codes. */
export const BACKOFFICE_EVENTS: Record<string, EventType> = {
  Création: "received",
  "Accusé de réception": "acknowledged",
  Affectation: "routed",
  Réaffectation: "rerouted",
  "Escalade direction de territoire": "escalated",
  Programmation: "scheduled",
  "Début d'intervention": "in_progress",
  Clôture: "closed",
  Réouverture: "reopened",
  Réclamation: "complaint",
  Remerciement: "thanks",
};

/** French origin labels → channel codes. */
export const BACKOFFICE_ORIGINS = { web: "web", app: "app", téléphone: "phone", courriel: "email" } as const;

/** Resolution codes allowed on a closure. */
export const RESOLUTION_CODES = ["REPARE", "NON_COMPETENT", "DOUBLON", "SANS_SUITE", "TRANSMIS_TIERS"] as const;

/**
 * Complaint reasons: the export has no column for them, so by the city's convention a
 * `Réclamation` row carries its reason in `Code résolution`.
 */
export const COMPLAINT_CODES = { TROP_LENT: "trop_lent", PARTIEL: "partiel", NON_FAIT: "non_fait" } as const;

const text = z.string().transform((v) => v.trim());

/** One event row keyed by the export's French headers, before dates are interpreted. */
export const backofficeRowSchema = z.object({
  Référence: text.pipe(z.string().min(1, "référence vide").max(64, "référence trop longue")),
  Origine: text.pipe(z.enum(Object.keys(BACKOFFICE_ORIGINS) as [keyof typeof BACKOFFICE_ORIGINS], { error: "origine inconnue" })),
  "Réf. origine": text.pipe(z.string().min(1, "référence d'origine vide").max(998)),
  Événement: text.pipe(z.enum(Object.keys(BACKOFFICE_EVENTS) as [string, ...string[]], { error: "événement inconnu" })),
  "Date événement": text.pipe(z.string().min(1, "date d'événement vide")),
  Service: text.default(""),
  Agent: text.default(""),
  "Code résolution": text
    .pipe(
      z.enum(["", ...RESOLUTION_CODES, ...(Object.keys(COMPLAINT_CODES) as (keyof typeof COMPLAINT_CODES)[])], {
        error: "code de résolution inconnu",
      }),
    )
    .default(""),
  "Date prévue": text.default(""),
  Commentaire: z.string().default(""),
});
export type BackofficeRow = z.infer<typeof backofficeRowSchema>;
