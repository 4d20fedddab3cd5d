/**
 * Reads the warehouse marts into the rows of the public tables (internal columns such as
 * part_max_declarant, id_interne and coordinates included: the release drops them after use).
 */
import { parisDate } from "../core/time.ts";
import type { ReferenceData } from "../reference.ts";
import type { Warehouse } from "../warehouse/duckdb.ts";
import { readSql } from "../warehouse/models.ts";
import { coarsenMap, type MapPoint, type MapPolicy } from "./h3map.ts";
import type { Row } from "./rows.ts";

/** The all-values code of a dimension. */
const TOTAL = "ensemble";

/** Public labels of services and districts, with the margins and the unlocated district. */
export function labelMaps(reference: ReferenceData): { services: Map<string, string>; districts: Map<string, string> } {
  const services = new Map(reference.services.services.map((s) => [s.code, s.label]));
  services.set(TOTAL, "Tous les services");
  const districts = new Map(reference.districts.features.map((f) => [f.properties.code, f.properties.nom]));
  districts.set("non_localise", "Non localisé");
  districts.set(TOTAL, "Toute la ville");
  return { services, districts };
}

/** Adds the `service` and `quartier` labels next to their codes. */
export function withLabels(rows: Row[], labels: ReturnType<typeof labelMaps>): Row[] {
  return rows.map((row) => {
    const out: Row = { ...row };
    if (typeof row.code_service === "string") out.service = labels.services.get(row.code_service) ?? row.code_service;
    if (typeof row.code_quartier === "string") out.quartier = labels.districts.get(row.code_quartier) ?? row.code_quartier;
    return out;
  });
}

/** First day (`YYYY-MM-01`) of the snapshot's month in Europe/Paris: months from it on are not over. */
export function currentMonthStart(snapshotAt: Date): string {
  return `${parisDate(snapshotAt.getTime()).slice(0, 7)}-01`;
}

const MONTH_BOUND = ["volumes_mensuels", "contacts_par_canal", "signalements_sensibles"];
const PLAIN = ["delais_par_service", "delais_par_quartier", "stock_en_cours", "retours_usagers", "usage_categories", "travaux_en_cours"];

/** Reads every public table from the warehouse for one snapshot. */
export async function readReleaseTables(
  warehouse: Warehouse,
  options: { snapshotAt: Date; reference: ReferenceData; map: MapPolicy },
): Promise<Record<string, Row[]>> {
  const monthStart = currentMonthStart(options.snapshotAt);
  const labels = labelMaps(options.reference);
  const tables: Record<string, Row[]> = {};
  for (const name of MONTH_BOUND) tables[name] = await warehouse.rows<Row>(readSql(`publish/${name}.sql`), [monthStart]);
  for (const name of PLAIN) tables[name] = await warehouse.rows<Row>(readSql(`publish/${name}.sql`));
  const points = await warehouse.rows<MapPoint>(readSql("publish/carte_h3.sql"), [monthStart]);
  tables.carte_h3 = coarsenMap(points, options.map, "12_mois_glissants");
  for (const [name, rows] of Object.entries(tables)) tables[name] = withLabels(rows, labels);
  return tables;
}
