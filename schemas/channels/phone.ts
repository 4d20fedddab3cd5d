import { z } from "zod";

/** Columns of the call desk's monthly export, in the order the desk writes them. */
export const PHONE_HEADERS = [
  "N° appel",
  "Date appel",
  "Heure",
  "Agent",
  "Motif",
  "Sous-motif",
  "Adresse",
  "Code postal",
  "Quartier",
  "Nom appelant",
  "Téléphone appelant",
  "Commentaire",
  "Suite donnée",
] as const;
export type PhoneHeader = (typeof PHONE_HEADERS)[number];

/** Columns that must be present for the file to be read at all. */
export const PHONE_REQUIRED_HEADERS: readonly PhoneHeader[] = ["N° appel", "Date appel", "Heure", "Motif", "Sous-motif", "Suite donnée"];

/** What the desk did with the call; only `Signalement créé` creates a report. */
export const PHONE_OUTCOMES = ["Signalement créé", "Information donnée", "Réorienté"] as const;

const text = z.string().transform((v) => v.trim());

/** One call row, keyed by the export's French headers, before dates are interpreted. */
export const phoneRowSchema = z.object({
  "N° appel": text.pipe(z.string().min(1, "numéro d'appel vide").max(64, "numéro d'appel trop long")),
  "Date appel": text.pipe(z.string().min(1, "date d'appel vide")),
  Heure: text,
  Agent: text.default(""),
  Motif: text.pipe(z.string().min(1, "motif vide")),
  "Sous-motif": text.default(""),
  Adresse: text.default(""),
  "Code postal": text.default(""),
  Quartier: text.default(""),
  "Nom appelant": text.default(""),
  "Téléphone appelant": text.default(""),
  Commentaire: z.string().default(""),
  "Suite donnée": text.pipe(z.enum(PHONE_OUTCOMES, { error: "suite donnée inconnue" })),
});
export type PhoneRow = z.infer<typeof phoneRowSchema>;
