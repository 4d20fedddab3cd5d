import { z } from "zod";
import { codeSchema } from "./taxonomy.ts";

/** Code used when a report cannot be placed in any district. */
export const UNLOCATED_DISTRICT = "non_localise";

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const ring = z.array(position).min(4, "un anneau a au moins 4 positions");

/** A district feature as stored in data/reference/quartiers.geojson. */
export const districtFeatureSchema = z.object({
  type: z.literal("Feature"),
  properties: z.object({ code: codeSchema, nom: z.string().min(1), source_name: z.string().min(1) }),
  geometry: z.object({ type: z.literal("Polygon"), coordinates: z.array(ring).min(1) }),
});
export type DistrictFeature = z.infer<typeof districtFeatureSchema>;

/** The district reference file: exactly 10 Strasbourg districts. */
export const districtCollectionSchema = z.object({
  type: z.literal("FeatureCollection"),
  bbox: z.array(z.number()).length(4).optional(),
  features: z.array(districtFeatureSchema).length(10, "10 quartiers attendus"),
});
export type DistrictCollection = z.infer<typeof districtCollectionSchema>;

/** A commune of the metropolitan area (INSEE code and name). */
export const communeCollectionSchema = z.object({
  type: z.literal("FeatureCollection"),
  features: z
    .array(
      z.object({
        type: z.literal("Feature"),
        properties: z.object({ code: z.string().regex(/^67\d{3}$/), nom: z.string().min(1) }),
        geometry: z.object({ type: z.enum(["Polygon", "MultiPolygon"]), coordinates: z.array(z.any()) }),
      }),
    )
    .min(1),
});
export type CommuneCollection = z.infer<typeof communeCollectionSchema>;
