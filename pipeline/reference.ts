import { readFileSync } from "node:fs";
import path from "node:path";
import {
  type CommuneCollection,
  communeCollectionSchema,
  type DistrictCollection,
  districtCollectionSchema,
} from "../schemas/districts.ts";
import { type ServiceRegistry, serviceRegistrySchema } from "../schemas/services.ts";
import { type Taxonomy, taxonomySchema } from "../schemas/taxonomy.ts";
import { CliError, EXIT, formatZodIssues } from "./errors.ts";
import { PROJECT_ROOT } from "./root.ts";

export { PROJECT_ROOT };
/** Folder of the reference data files. */
export const REFERENCE_DIR = path.join(PROJECT_ROOT, "data", "reference");

function loadJson<T>(
  file: string,
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: import("zod").ZodError } },
): T {
  const full = path.join(REFERENCE_DIR, file);
  const result = schema.safeParse(JSON.parse(readFileSync(full, "utf8")));
  if (!result.success) {
    throw new CliError(`Fichier de référence invalide data/reference/${file} :\n${formatZodIssues(result.error)}`, EXIT.data);
  }
  return result.data;
}

/** The reference data, validated once and shared. */
export interface ReferenceData {
  taxonomy: Taxonomy;
  services: ServiceRegistry;
  districts: DistrictCollection;
  communes: CommuneCollection;
}

let cached: ReferenceData | undefined;

/** Loads and validates data/reference (taxonomy, services, districts, communes). */
export function loadReference(): ReferenceData {
  cached ??= {
    taxonomy: loadJson("taxonomy.json", taxonomySchema),
    services: loadJson("services.json", serviceRegistrySchema),
    districts: loadJson("quartiers.geojson", districtCollectionSchema),
    communes: loadJson("sources/eurometropole-communes-2018.geojson", communeCollectionSchema),
  };
  return cached;
}
