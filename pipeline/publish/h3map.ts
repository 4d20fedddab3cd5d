/**
 * The map of reports by H3 cell, coarsened where sparse (DESIGN "Anonymization and disclosure control":
 * fine geography keeps k). A cell is sparse when it holds fewer than k reports or when one reporter
 * makes more than the dominance share of it. Sparse cells are merged with every other cell of their
 * parent (one resolution coarser), so published cells never overlap; what is still sparse at the
 * coarsest resolution is counted in one residual row without a place (`cellule_h3` = `autres_zones`), so
 * the map still adds up to all located reports instead of silently dropping them. The residual names no
 * place: zones without reports are not published either, so it is spread over everything not shown.
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
  let cells = new Map<string, CellCount>();
  for (const p of points) {
    const id = latLngToCell(p.latitude, p.longitude, policy.resolution);
    const cell = cells.get(id) ?? { n: 0, byReporter: new Map() };
    add(cell, { n: 1, byReporter: new Map([[p.reporter, 1]]) });
    cells.set(id, cell);
  }
  const sparse = (cell: CellCount) => cell.n < policy.k || maxShare(cell) > policy.dominanceShare;
  for (let res = policy.resolution; res > policy.minResolution; res--) {
    const parents = new Set<string>();
    for (const [id, cell] of cells) if (getResolution(id) === res && sparse(cell)) parents.add(cellToParent(id, res - 1));
    if (parents.size === 0) continue;
    const next = new Map<string, CellCount>();
    for (const [id, cell] of cells) {
      const parent = cellToParent(id, res - 1);
      const target = parents.has(parent) ? parent : id;
      const acc = next.get(target) ?? { n: 0, byReporter: new Map() };
      add(acc, cell);
      next.set(target, acc);
    }
    cells = next;
  }
  const residual: CellCount = { n: 0, byReporter: new Map() };
  const rows: Row[] = [];
  for (const [id, cell] of [...cells].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (sparse(cell)) {
      add(residual, cell);
      continue;
    }
    rows.push({
      periode,
      cellule_h3: id,
      resolution_h3: getResolution(id),
      nb_signalements: cell.n,
      part_max_declarant: Math.round(maxShare(cell) * 10000) / 10000,
    });
  }
  if (residual.n > 0) {
    rows.push({ periode, cellule_h3: RESIDUAL_ZONE, resolution_h3: null, nb_signalements: residual.n, part_max_declarant: null });
  }
  return rows;
}

/**
 * Outline of a published cell as polygons ([lon, lat] rings): the union of its descendants at the
 * map's resolution, so that a coarsened cell covers exactly the reports counted in it.
 */
export function cellOutline(cell: string, baseResolution: number): [number, number][][][] {
  const children = getResolution(cell) < baseResolution ? cellToChildren(cell, baseResolution) : [cell];
  return cellsToMultiPolygon(children, true) as [number, number][][][];
}
