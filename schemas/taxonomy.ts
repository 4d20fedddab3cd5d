import { z } from "zod";

/** A code used in data files: lowercase ASCII snake_case, stable across releases. */
export const codeSchema = z.string().regex(/^[a-z][a-z0-9_]*$/, "code attendu en minuscules snake_case (a-z, 0-9, _)");

/** Privacy class of a category; it drives how finely the category may be published. */
export const privacyClassSchema = z.enum(["public_asset", "standard", "sensitive"]);
export type PrivacyClass = z.infer<typeof privacyClassSchema>;

/** One category of report, under a group, with its default service and privacy class. */
export const categorySchema = z.object({
  code: codeSchema,
  label: z.string().min(1),
  group: codeSchema,
  default_service: z.string().regex(/^[A-Z][A-Z0-9_]*$/, "code de service attendu en majuscules"),
  privacy_class: privacyClassSchema,
  /** Open311 service_code values that map to this category. */
  open311_codes: z.array(z.string().min(1)).default([]),
  /** Phone desk labels (Motif / Sous-motif) that map to this category. */
  phone_labels: z.array(z.object({ motif: z.string().min(1), sous_motif: z.string().min(1) })).default([]),
  /** Words that, found in an email subject, classify the message into this category. */
  email_keywords: z.array(z.string().min(1)).default([]),
});
export type Category = z.infer<typeof categorySchema>;

/** The two-level taxonomy: groups → categories, plus the declared fallback for unknown labels. */
export const taxonomySchema = z
  .object({
    version: z.string().min(1),
    fallback_category: codeSchema,
    groups: z.array(z.object({ code: codeSchema, label: z.string().min(1) })).min(1),
    categories: z.array(categorySchema).min(1),
  })
  .superRefine((taxonomy, ctx) => {
    const groups = new Set(taxonomy.groups.map((g) => g.code));
    const seen = new Set<string>();
    taxonomy.categories.forEach((category, index) => {
      if (!groups.has(category.group)) {
        ctx.addIssue({
          code: "custom",
          path: ["categories", index, "group"],
          message: `groupe inconnu « ${category.group} » pour la catégorie « ${category.code} »`,
        });
      }
      if (seen.has(category.code)) {
        ctx.addIssue({
          code: "custom",
          path: ["categories", index, "code"],
          message: `catégorie en double « ${category.code} »`,
        });
      }
      seen.add(category.code);
    });
    if (!seen.has(taxonomy.fallback_category)) {
      ctx.addIssue({
        code: "custom",
        path: ["fallback_category"],
        message: `la catégorie de repli « ${taxonomy.fallback_category} » n'existe pas`,
      });
    }
  });
export type Taxonomy = z.infer<typeof taxonomySchema>;
