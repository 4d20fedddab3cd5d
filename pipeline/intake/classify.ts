/** Pure lookups from channel labels to the taxonomy and the district reference, accent- and case-insensitive. */
import type { DistrictCollection } from "../../schemas/districts.ts";
import type { Taxonomy } from "../../schemas/taxonomy.ts";
import { boundedCache } from "./records.ts";

/** Lowercase, accents stripped, spaces collapsed: the form labels are compared in. */
export function foldText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[\s\u00a0]+/g, " ")
    .trim();
}

/** The category a channel label maps to, or the fallback with `fallback` set. */
export interface CategoryMatch {
  code: string;
  fallback: boolean;
}

/** Taxonomy lookups for every channel. */
export interface Classifier {
  byOpen311(serviceCode: string): CategoryMatch;
  byPhone(motif: string, sousMotif: string): CategoryMatch;
  /** The first category (taxonomy order) with a keyword in the subject, else null. */
  byEmailSubject(subject: string): string | null;
  /** District code from a district name as a desk writes it, else null. */
  districtByName(name: string): string | null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Builds the lookups once from the reference data. */
export function createClassifier(taxonomy: Taxonomy, districts: DistrictCollection): Classifier {
  const open311 = new Map<string, string>();
  const phone = new Map<string, string>();
  const keywords: { code: string; pattern: RegExp }[] = [];
  for (const category of taxonomy.categories) {
    for (const code of category.open311_codes) if (!open311.has(code)) open311.set(code, category.code);
    for (const label of category.phone_labels) {
      const key = `${foldText(label.motif)}|${foldText(label.sous_motif)}`;
      if (!phone.has(key)) phone.set(key, category.code);
    }
    for (const word of category.email_keywords) {
      keywords.push({ code: category.code, pattern: new RegExp(`(^|[^a-z0-9])${escapeRegExp(foldText(word))}($|[^a-z0-9])`) });
    }
  }
  const districtNames = new Map(districts.features.map((f) => [foldText(f.properties.nom), f.properties.code]));
  const fallback: CategoryMatch = { code: taxonomy.fallback_category, fallback: true };
  // Phone exports repeat a handful of labels over millions of rows: fold each distinct label once.
  const phoneCache = boundedCache<CategoryMatch>();
  const districtCache = boundedCache<string | null>();
  const byPhone = (motif: string, sousMotif: string): CategoryMatch => {
    const code = phone.get(`${foldText(motif)}|${foldText(sousMotif)}`);
    return code ? { code, fallback: false } : fallback;
  };
  return {
    byOpen311: (serviceCode) => {
      const code = open311.get(serviceCode);
      return code ? { code, fallback: false } : fallback;
    },
    byPhone: (motif, sousMotif) => phoneCache(`${motif.length}:${motif}${sousMotif}`, () => byPhone(motif, sousMotif)),
    byEmailSubject: (subject) => {
      const folded = foldText(subject);
      return keywords.find((k) => k.pattern.test(folded))?.code ?? null;
    },
    districtByName: (name) => districtCache(name, () => districtNames.get(foldText(name)) ?? null),
  };
}
