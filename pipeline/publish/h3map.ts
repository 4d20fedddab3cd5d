/**
 * The map of reports by H3 cell, coarsened where sparse (DESIGN "Anonymization and disclosure control":
 * fine geography keeps k). A cell is sparse when it holds fewer than k reports or when one reporter
 * makes more than the dominance share of it. Dense cells are published at the map's resolution; the
 * sparse cells of one parent are pooled into that parent (one resolution coarser), which then stands for
 * its sub-cells not published on their own, so published zones never overlap. A pool still sparse
 * climbs again, down to the coarsest resolution; what is still sparse there is counted in one residual
 * row without a place (`cellule_h3` = `autres_zones`), so the map adds up to all located reports
 * instead of silently dropping them. The residual names no place: zones without reports are not
 * published either, so it is spread over everything not shown.
 */
import { cellsToMultiPolygon, cellToChildren, cellToParent, getResolution, latLngToCell } from "h3-js";
import type { PublicationPolicy } from "../../schemas/published/config.ts";
import type { Row } from "./rows.ts";

/** Code of the residual row: located reports of the zones still sparse at the coarsest resolution. */
export const RESIDUAL_ZONE = "autres_zones";

/** How the map is coarsened (from config/publication.json). */
export interface MapPolicy {
  /** Resolution of the finest published cells (8). */
  resolution: number;
  /** Coarsest resolution a cell is merged to (6) before going to the residual row. */
  minResolution: number;
  k: number;
  /** A cell is dominated when one reporter's share is strictly above this. */
  dominanceShare: number;
}

/** The map's policy from the publication policy. */
export function mapPolicyOf(policy: PublicationPolicy): MapPolicy {
  return {
    resolution: policy.h3.resolution_agregats,
    minResolution: policy.h3.resolution_min_agregats,
    k: policy.k,
    dominanceShare: policy.dominance.part_max_declarant,
  };
}

/** One located report: its point and its reporter's pseudonym (never published). */
export interface MapPoint {
  latitude: number;
  longitude: number;
  reporter: string;
}

interface CellCount {
  n: number;
  byReporter: Map<string, number>;
}

function add(into: CellCount, from: CellCount): void {
  into.n += from.n;
  for (const [reporter, n] of from.byReporter) into.byReporter.set(reporter, (into.byReporter.get(reporter) ?? 0) + n);
}

function maxShare(cell: CellCount): number {
  let max = 0;
  for (const n of cell.byReporter.values()) if (n > max) max = n;
  return cell.n === 0 ? 0 : max / cell.n;
}

/**
 * Counts located reports per cell, coarsened where sparse. Rows: periode, cellule_h3 (RESIDUAL_ZONE for
 * the residual), resolution_h3 (null for the residual), nb_signalements, part_max_declarant (internal). Cells in id order, residual last.
 */
export function coarsenMap(points: readonly MapPoint[], policy: MapPolicy, periode: string): Row[] {
  if (policy.minResolution > policy.resolution) throw new Error("résolution minimale de la carte plus fine que sa résolution");
  let level = new Map<string, CellCount>();
  for (const p of points) {
    const id = latLngToCell(p.latitude, p.longitude, policy.resolution);
    const cell = level.get(id) ?? { n: 0, byReporter: new Map() };
    add(cell, { n: 1, byReporter: new Map([[p.reporter, 1]]) });
    level.set(id, cell);
  }
  const sparse = (cell: CellCount) => cell.n < policy.k || maxShare(cell) > policy.dominanceShare;
  const kept: [string, CellCount][] = [];
  const residual: CellCount = { n: 0, byReporter: new Map() };
  for (let res = policy.resolution; level.size > 0; res--) {
    const pools = new Map<string, CellCount>();
    for (const [id, cell] of level) {
      if (!sparse(cell)) kept.push([id, cell]);
      else if (res === policy.minResolution) add(residual, cell);
      else {
        const parent = cellToParent(id, res - 1);
        const pool = pools.get(parent) ?? { n: 0, byReporter: new Map() };
        add(pool, cell);
        pools.set(parent, pool);
      }
    }
    level = pools;
  }
  const rows: Row[] = kept
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, cell]) => ({
      periode,
      cellule_h3: id,
      resolution_h3: getResolution(id),
      nb_signalements: cell.n,
      part_max_declarant: Math.round(maxShare(cell) * 10000) / 10000,
    }));
  if (residual.n > 0) {
    rows.push({ periode, cellule_h3: RESIDUAL_ZONE, resolution_h3: null, nb_signalements: residual.n, part_max_declarant: null });
  }
  return rows;
}

/**
 * Outline of a published cell as polygons ([lon, lat] rings): its descendants at the map's resolution,
 * less those of the finer cells published on their own (`published`), so that a pooled cell covers
 * exactly the sub-cells it stands for.
 */
export function cellOutline(cell: string, baseResolution: number, published: ReadonlySet<string> = new Set()): [number, number][][][] {
  const res = getResolution(cell);
  if (res >= baseResolution) return cellsToMultiPolygon([cell], true) as [number, number][][][];
  const taken = new Set<string>();
  for (const other of published) {
    const r = getResolution(other);
    if (r > res && r <= baseResolution && cellToParent(other, res) === cell)
      for (const child of cellToChildren(other, baseResolution)) taken.add(child);
  }
  const own = cellToChildren(cell, baseResolution).filter((c) => !taken.has(c));
  return cellsToMultiPolygon(own, true) as [number, number][][][];
}
