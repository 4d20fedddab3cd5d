import { columnsOf, DISTRICT_PROPERTIES, PUBLISHED_TABLES } from "./tables.ts";

/** Output columns per file of the release, derived from the zod schemas (compared to the committed allowlist.json). */
export function derivedAllowlist(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const table of PUBLISHED_TABLES) {
    out[`data/${table.name}.csv`] = columnsOf(table);
    if (table.h3Column) out[`data/${table.name}.geojson`] = columnsOf(table);
  }
  out["data/quartiers.geojson"] = [...DISTRICT_PROPERTIES];
  return out;
}
