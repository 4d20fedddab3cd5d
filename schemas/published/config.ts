import { z } from "zod";

/** Disclosure and anonymisation policy (config/publication.json). */
export const publicationPolicySchema = z.object({
  k: z.number().int().min(2).meta({ description: "Seuil de secret statistique : un compte de 1 à k-1 est masqué." }),
  dominance: z.object({
    part_max_declarant: z
      .number()
      .gt(0)
      .max(1)
      .meta({ description: "Une case est masquée si un seul déclarant y pèse strictement plus que cette part." }),
  }),
  h3: z.object({
    resolution_agregats: z.number().int().min(0).max(15),
    resolution_min_agregats: z
      .number()
      .int()
      .min(0)
      .max(15)
      .meta({ description: "Résolution la plus grossière à laquelle une zone peu dense de la carte est regroupée." }),
    resolution_travaux: z.number().int().min(0).max(15),
  }),
  /**
   * What each privacy class may appear in. Only the rules the release implements are accepted: another
   * value is refused rather than silently ignored.
   */
  classes_confidentialite: z.object({
    public_asset: z.object({
      agregats: z.literal("sans_seuil"),
      carte: z.literal("seuil_k"),
      liste: z.literal("travaux_en_cours"),
    }),
    standard: z.object({ agregats: z.literal("sans_seuil"), carte: z.literal("seuil_k"), liste: z.literal("aucune") }),
    sensitive: z.object({
      agregats: z.literal("quartier_trimestre_seuil_k"),
      carte: z.literal("aucune"),
      liste: z.literal("aucune"),
    }),
  }),
  longueur_max_texte: z.number().int().min(1).max(64),
});
export type PublicationPolicy = z.infer<typeof publicationPolicySchema>;

/** A decision on one indicator, recorded with who, when and the deliberation reference. */
export const indicatorSchema = z
  .object({
    table: z.string().regex(/^[a-z0-9_]+$/),
    definition: z.string().min(1),
    decision: z.enum(["pending", "approved", "withheld"]),
    decide_par: z.string().min(1).nullable(),
    decide_le: z.iso.date().nullable(),
    deliberation: z.string().min(1).nullable(),
    /** Fingerprint of the definition the decision was taken on (sha256 hex). */
    empreinte: z.string().optional(),
    motif: z.string().nullable().optional(),
  })
  .superRefine((indicator, ctx) => {
    if (indicator.decision !== "pending" && (!indicator.decide_par || !indicator.decide_le || !indicator.deliberation)) {
      ctx.addIssue({ code: "custom", message: `décision « ${indicator.decision} » sans auteur, date ou délibération` });
    }
  });
export type Indicator = z.infer<typeof indicatorSchema>;

/** The indicators' resolved decisions, as the release reads them (built from the decision log). */
export const indicatorRegistrySchema = z.object({ version: z.string().min(1), indicateurs: z.array(indicatorSchema) });
export type IndicatorRegistry = z.infer<typeof indicatorRegistrySchema>;

/** config/release.json: the version of the data contract (semver) and its changelog. */
export const releaseConfigSchema = z.object({
  version: z.string().regex(/^\d+\.\d+\.\d+$/, "version attendue au format semver (1.2.3)"),
  changelog: z
    .array(
      z.object({
        version: z.string().regex(/^\d+\.\d+\.\d+$/, "version attendue au format semver (1.2.3)"),
        date: z.iso.date(),
        changes: z.array(z.string().min(1)).min(1),
      }),
    )
    .min(1),
  /** Approved corrections of a published closed period (recomputed instead of frozen), with their decision. */
  corrections: z
    .array(
      z.object({
        table: z.string().min(1),
        periode: z.string().min(1),
        motif: z.string().min(1),
        decide_par: z.string().min(1),
        decide_le: z.iso.date(),
        deliberation: z.string().min(1),
      }),
    )
    .default([]),
});
export type ReleaseConfig = z.infer<typeof releaseConfigSchema>;
