import { z } from "zod";

/**
 * Column builders for published tables. Each carries its French description in zod metadata,
 * so the Table Schemas, the data dictionary and the allowlist are all generated from here.
 */

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** `2026-03`, `2026-T1`, `2026` or `12_mois_glissants`. */
const PERIOD = /^(\d{4}(-(0[1-9]|1[0-2])|-T[1-4])?|12_mois_glissants)$/;
const H3_CELL = /^[0-9a-f]{15}$/;

/** Period kinds published in `type_periode`. */
export const PERIOD_KINDS = ["mois", "trimestre", "annee", "12_mois_glissants"] as const;

/** A short code (service, district, channel, category group…). */
export const code = (description: string) => z.string().min(1).max(64).meta({ description });
/** A human-readable label, at most 64 characters in aggregate tables. */
export const label = (description: string) => z.string().min(1).max(64).meta({ description });
/** A count of reports; empty when suppressed by statistical confidentiality. */
export const count = (description: string) => z.number().int().min(0).nullable().meta({ description });
/** A duration in days (median, p90); empty when n < k or suppressed. */
export const days = (description: string) => z.number().min(0).nullable().meta({ description });
/** A rate between 0 and 1; empty when n < k or suppressed. */
export const rate = (description: string) => z.number().min(0).max(1).nullable().meta({ description });
/** A calendar month `YYYY-MM`. */
export const month = (description: string) => z.string().regex(MONTH).meta({ description });
/** A publication period (`2026-03`, `2026-T1`, `2026`, `12_mois_glissants`). */
export const period = (description: string) => z.string().regex(PERIOD).meta({ description });
/** The kind of period. */
export const periodKind = (description: string) => z.enum(PERIOD_KINDS).meta({ description });
/** A calendar date `YYYY-MM-DD`. */
export const date = (description: string) => z.iso.date().meta({ description });
/** An optional calendar date `YYYY-MM-DD`. */
export const optionalDate = (description: string) => z.iso.date().nullable().meta({ description });
/** An H3 cell index (15 hexadecimal characters). */
export const h3Cell = (description: string) => z.string().regex(H3_CELL).meta({ description });
/** A keyed pseudonym: HMAC-SHA256 in lowercase hexadecimal (64 characters, not truncated). */
export const publicId = (description: string) =>
  z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .meta({ description });
/** The row flag set when at least one value of the row is suppressed. */
export const secret = () =>
  z.boolean().meta({
    description: "Vrai si au moins une valeur de la ligne est masquée (secret statistique) : la case masquée est laissée vide.",
  });
