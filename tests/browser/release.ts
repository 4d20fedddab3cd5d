/** A tiny synthetic release for the dashboard tests, with totals computed by hand. */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

/** `volumes_mensuels.csv` rows: published total 40 + 25 + 31 + 12 = 108; the January telephone cell is suppressed. */
export const VOLUMES_MENSUELS_CSV = `${[
  "mois,canal,groupe_categorie,code_service,code_quartier,nb_signalements,secret_statistique",
  "2026-01,web,proprete,PROP,Q01,40,false",
  "2026-01,app,proprete,PROP,Q01,25,false",
  "2026-01,telephone,voirie,VOIR,Q02,,true",
  "2026-02,web,voirie,VOIR,Q02,31,false",
  "2026-02,courriel,eclairage,ECL,Q03,12,false",
].join("\r\n")}\r\n`;

/** The published total of the synthetic release. */
export const PUBLISHED_TOTAL = 108;

/** Writes the synthetic release into `dir` (as `dir/data/*.csv`) and returns `dir`. */
export function writeSyntheticRelease(dir: string): string {
  mkdirSync(path.join(dir, "data"), { recursive: true });
  writeFileSync(path.join(dir, "data", "volumes_mensuels.csv"), VOLUMES_MENSUELS_CSV);
  return dir;
}
