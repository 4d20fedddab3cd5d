import { z } from "zod";

const optionalText = (max: number) =>
  z
    .string()
    .max(max, `texte trop long (plus de ${max} caractères)`)
    .nullish()
    .transform((v) => (v == null || v.trim() === "" ? null : v));

/**
 * One web or app request, as in the platform's JSON Lines export and the body of
 * Open311 GeoReport v2 `POST /requests.json` (fields from the GeoReport v2 specification).
 */
export const open311RequestSchema = z.object({
  service_request_id: z
    .string({ error: "identifiant service_request_id manquant" })
    .trim()
    .min(1, "identifiant service_request_id vide")
    .max(64, "identifiant service_request_id trop long"),
  service_code: z.string({ error: "service_code manquant" }).min(1, "service_code vide"),
  description: optionalText(4000),
  lat: z.number({ error: "lat doit être un nombre" }).min(-90).max(90).nullish(),
  long: z.number({ error: "long doit être un nombre" }).min(-180).max(180).nullish(),
  address_string: optionalText(500),
  requested_datetime: z.iso.datetime({ offset: true, error: "requested_datetime doit être une date ISO 8601 avec fuseau" }),
  first_name: optionalText(200),
  last_name: optionalText(200),
  email: optionalText(320),
  phone: optionalText(50),
  media_url: optionalText(2000),
  device: z.enum(["web", "app"], { error: "device doit valoir « web » ou « app »" }),
});
export type Open311Request = z.infer<typeof open311RequestSchema>;
