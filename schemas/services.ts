import { z } from "zod";
import { codeSchema } from "./taxonomy.ts";

/** A public contact: a service mailbox or switchboard, never a person's name. */
export const publicContactSchema = z.object({
  email: z.email("adresse de courriel invalide"),
  phone: z.string().regex(/^0\d( \d\d){4}$/, "téléphone attendu au format 03 88 00 00 00"),
});

/** A city service that receives reports. */
export const serviceSchema = z.object({
  code: z.string().regex(/^[A-Z][A-Z0-9_]*$/, "code de service attendu en majuscules"),
  label: z.string().min(1),
  division: z.string().min(1),
  contact: publicContactSchema,
});
export type Service = z.infer<typeof serviceSchema>;

/** The district director's office that receives escalations for one district. */
export const districtDirectorSchema = z.object({
  district: codeSchema,
  label: z.string().min(1),
  contact: publicContactSchema,
});

/** The service registry: services and, per district, the director who receives escalations. */
export const serviceRegistrySchema = z
  .object({
    version: z.string().min(1),
    services: z.array(serviceSchema).min(1),
    district_directors: z.array(districtDirectorSchema),
  })
  .superRefine((registry, ctx) => {
    const seen = new Set<string>();
    registry.services.forEach((service, index) => {
      if (seen.has(service.code)) {
        ctx.addIssue({ code: "custom", path: ["services", index, "code"], message: `service en double « ${service.code} »` });
      }
      seen.add(service.code);
    });
  });
export type ServiceRegistry = z.infer<typeof serviceRegistrySchema>;
