/**
 * The fixed cast of a run, built once from the reference data and the seed: category mix and
 * seasonality, services and their delays, agents, point pools, prolific reporters.
 */
import type { Category } from "../../schemas/taxonomy.ts";
import { createLocator } from "../core/districts.ts";
import type { ReferenceData } from "../reference.ts";
import { agentPool, type Person, prolificReporters } from "./identity.ts";
import { buildPointPools, type PointPools } from "./places.ts";
import { createRng, deriveSeed, type WeightTable, weightTable } from "./prng.ts";
import { DISTRICT_WEIGHTS } from "./vocabulary.ts";

/** Relative frequency of each category over a year (skewed: litter first, sensitive ones rare). */
const CATEGORY_WEIGHTS: Record<string, number> = {
  depot_sauvage: 18,
  corbeille_pleine: 8,
  tag_graffiti: 9,
  nid_de_poule: 10,
  trottoir_degrade: 6,
  signalisation: 4,
  vehicule_abandonne: 4,
  eclairage_en_panne: 8,
  arbre_dangereux: 3,
  entretien_espace_vert: 6,
  mobilier_degrade: 5,
  nuisance_voisinage: 4,
  logement_insalubre: 1.5,
  animal: 3,
  autre: 4,
};

/** Month (1–12) multiplier per category: litter in summer, lighting faults in winter, potholes after frost. */
export function seasonalFactor(category: string, month: number): number {
  const summer = Math.cos(((month - 7) * Math.PI) / 6); // +1 in July, -1 in January
  switch (category) {
    case "corbeille_pleine":
      return 1 + 0.6 * summer;
    case "depot_sauvage":
    case "nuisance_voisinage":
      return 1 + 0.3 * summer;
    case "entretien_espace_vert":
      return 1 + 0.5 * summer;
    case "eclairage_en_panne":
      return 1 - 0.6 * summer;
    case "nid_de_poule":
      return 1 + 0.5 * Math.cos(((month - 2) * Math.PI) / 6);
    case "arbre_dangereux":
      return 1 + 0.5 * Math.cos(((month - 11) * Math.PI) / 6);
    default:
      return 1;
  }
}

/** Median days to first closure per service (lognormal), and its spread. */
export const SERVICE_DELAYS: Record<string, { medianDays: number; sigma: number }> = {
  ECLAIRAGE: { medianDays: 2.5, sigma: 0.9 },
  PROPRETE: { medianDays: 3.5, sigma: 1 },
  ESPACES_VERTS: { medianDays: 8, sigma: 1 },
  VOIRIE: { medianDays: 13, sigma: 1 },
  TRANQUILLITE: { medianDays: 7, sigma: 1.1 },
  HYGIENE: { medianDays: 14, sigma: 1 },
};

/** Reporting channels of the generator. */
export type GenChannel = "web" | "app" | "phone" | "email";

/** Everything a run draws from, independent of the month. */
export interface World {
  seed: number;
  categories: Category[];
  categoryTables: WeightTable<Category>[];
  districtTable: WeightTable<string>;
  districtNames: Map<string, string>;
  directors: Map<string, string>;
  services: string[];
  pools: PointPools;
  serviceAgents: Map<string, string[]>;
  dispatchAgents: string[];
  phoneAgents: string[];
  mailAgents: string[];
  prolific: Person[];
}

/** Builds the world of a run from the validated reference data. */
export function buildWorld(seed: number, ref: ReferenceData, poolSize = 2048): World {
  const rng = createRng(deriveSeed(seed, "world"));
  const categories = ref.taxonomy.categories;
  const categoryTables = Array.from({ length: 12 }, (_, m) =>
    weightTable(categories.map((c) => [c, (CATEGORY_WEIGHTS[c.code] ?? 1) * seasonalFactor(c.code, m + 1)] as const)),
  );
  const codes = ref.districts.features.map((f) => f.properties.code);
  const services = ref.services.services.map((s) => s.code);
  const locator = createLocator(ref.districts, ref.communes);
  return {
    seed,
    categories,
    categoryTables,
    districtTable: weightTable(codes.map((c) => [c, DISTRICT_WEIGHTS[c] ?? 1] as const)),
    districtNames: new Map(ref.districts.features.map((f) => [f.properties.code, f.properties.nom])),
    directors: new Map(ref.services.district_directors.map((d) => [d.district, d.label])),
    services,
    pools: buildPointPools(rng, ref.districts, locator, poolSize),
    serviceAgents: new Map(services.map((s) => [s, agentPool(rng, 6)])),
    dispatchAgents: agentPool(rng, 4),
    phoneAgents: agentPool(rng, 6),
    mailAgents: agentPool(rng, 3),
    prolific: prolificReporters(rng, 4),
  };
}
