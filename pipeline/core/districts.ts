import type { CommuneCollection, DistrictCollection } from "../../schemas/districts.ts";
import { bbox, type PolygonCoords, pointInPolygon, polygonsOf } from "./geo.ts";

interface Area {
  code: string;
  polygons: PolygonCoords[];
  box: [number, number, number, number];
}

function toAreas(features: { properties: { code: string }; geometry: { type: string; coordinates: unknown } }[]): Area[] {
  return features.map((f) => {
    const polygons = polygonsOf(f.geometry);
    return { code: f.properties.code, polygons, box: bbox(polygons) };
  });
}

function find(areas: readonly Area[], lon: number, lat: number): string | null {
  for (const area of areas) {
    const [x0, y0, x1, y1] = area.box;
    if (lon < x0 || lon > x1 || lat < y0 || lat > y1) continue;
    if (area.polygons.some((p) => pointInPolygon(lon, lat, p))) return area.code;
  }
  return null;
}

/** Grid cell size in degrees (about 110 m × 75 m at Strasbourg's latitude). */
const CELL = 0.001;
/** Margin around each polygon edge, far above floating-point error and far below any real distance. */
const MARGIN = 1e-9;

/**
 * A uniform grid over the areas' extent. A cell that no polygon edge comes near lies wholly inside
 * (or outside) each polygon, so every point of it has the answer of its centre: it is resolved once.
 * Only cells crossed by an edge keep a candidate list and test points against the polygons.
 */
interface Grid {
  x0: number;
  y0: number;
  nx: number;
  ny: number;
  crossed: Uint8Array;
  resolved: (string | null | undefined)[];
  candidates: (Area[] | undefined)[];
}

/**
 * True when the segment may touch the cell grown by MARGIN: the caller has checked that their boxes
 * overlap, so they are apart only when the four corners lie strictly on one side of the segment's line.
 */
function segmentNearCell(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): boolean {
  const corners = [
    [cx - MARGIN, cy - MARGIN],
    [cx + CELL + MARGIN, cy - MARGIN],
    [cx - MARGIN, cy + CELL + MARGIN],
    [cx + CELL + MARGIN, cy + CELL + MARGIN],
  ] as const;
  let above = 0;
  let below = 0;
  for (const [x, y] of corners) {
    const side = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
    if (side > 0) above += 1;
    else if (side < 0) below += 1;
  }
  return above < 4 && below < 4;
}

function buildGrid(areas: Area[]): Grid | null {
  if (areas.length === 0) return null;
  const x0 = Math.min(...areas.map((a) => a.box[0]));
  const y0 = Math.min(...areas.map((a) => a.box[1]));
  const nx = Math.floor((Math.max(...areas.map((a) => a.box[2])) - x0) / CELL) + 1;
  const ny = Math.floor((Math.max(...areas.map((a) => a.box[3])) - y0) / CELL) + 1;
  const crossed = new Uint8Array(nx * ny);
  const clampX = (x: number) => Math.min(nx - 1, Math.max(0, Math.floor((x - x0) / CELL)));
  const clampY = (y: number) => Math.min(ny - 1, Math.max(0, Math.floor((y - y0) / CELL)));
  for (const area of areas) {
    for (const polygon of area.polygons) {
      for (const ring of polygon) {
        for (let i = 1; i < ring.length; i += 1) {
          const [ax, ay] = ring[i - 1] as [number, number];
          const [bx, by] = ring[i] as [number, number];
          const [i0, i1] = [clampX(Math.min(ax, bx) - MARGIN), clampX(Math.max(ax, bx) + MARGIN)];
          const [j0, j1] = [clampY(Math.min(ay, by) - MARGIN), clampY(Math.max(ay, by) + MARGIN)];
          for (let j = j0; j <= j1; j += 1) {
            for (let k = i0; k <= i1; k += 1) {
              if (segmentNearCell(ax, ay, bx, by, x0 + k * CELL, y0 + j * CELL)) crossed[j * nx + k] = 1;
            }
          }
        }
      }
    }
  }
  return { x0, y0, nx, ny, crossed, resolved: new Array(nx * ny).fill(undefined), candidates: new Array(nx * ny).fill(undefined) };
}

/** The answer shared by every point of a cell no edge comes near (its centre's), computed on first use. */
function resolvedCell(grid: Grid, areas: readonly Area[], cell: number): string | null {
  let hit = grid.resolved[cell];
  if (hit === undefined) {
    const [cx, cy] = [grid.x0 + (cell % grid.nx) * CELL, grid.y0 + Math.floor(cell / grid.nx) * CELL];
    hit = find(areas, cx + CELL / 2, cy + CELL / 2);
    grid.resolved[cell] = hit;
  }
  return hit;
}

/** The areas whose box comes near a crossed cell, in reference order, computed on first use. */
function cellCandidates(grid: Grid, areas: readonly Area[], cell: number): Area[] {
  let near = grid.candidates[cell];
  if (near === undefined) {
    const [cx, cy] = [grid.x0 + (cell % grid.nx) * CELL, grid.y0 + Math.floor(cell / grid.nx) * CELL];
    const [lx, ly, hx, hy] = [cx - MARGIN, cy - MARGIN, cx + CELL + MARGIN, cy + CELL + MARGIN];
    near = areas.filter((a) => a.box[0] <= hx && a.box[2] >= lx && a.box[1] <= hy && a.box[3] >= ly);
    grid.candidates[cell] = near;
  }
  return near;
}

/** The grid cell of a point, or -1 when it lies outside the extent of every area. */
function cellOf(grid: Grid, lon: number, lat: number): number {
  const k = Math.floor((lon - grid.x0) / CELL);
  const j = Math.floor((lat - grid.y0) / CELL);
  return k >= 0 && k < grid.nx && j >= 0 && j < grid.ny ? j * grid.nx + k : -1;
}

/** Places coordinates in a Strasbourg district and in a metro commune; results cached per coordinate. */
export interface Locator {
  /** District code, or null when the point is in no district. */
  district(lon: number, lat: number): string | null;
  /** INSEE code of the metro commune containing the point, or null when outside the metro area. */
  commune(lon: number, lat: number): string | null;
}

function indexedLookup(areas: Area[]): (lon: number, lat: number) => string | null {
  let grid: Grid | null | undefined;
  const cache = new Map<string, string | null>();
  return (lon, lat) => {
    if (grid === undefined) grid = buildGrid(areas);
    const cell = grid === null ? -1 : cellOf(grid, lon, lat);
    if (grid === null || cell < 0) return null;
    if (grid.crossed[cell] === 0) return resolvedCell(grid, areas, cell);
    const key = `${lon},${lat}`;
    let hit = cache.get(key);
    if (hit === undefined) {
      hit = find(cellCandidates(grid, areas, cell), lon, lat);
      if (cache.size > 1_000_000) cache.clear();
      cache.set(key, hit);
    }
    return hit;
  };
}

/**
 * Builds a locator from the reference districts and communes. Points in grid cells away from any
 * boundary are answered from the grid; the others are tested against the polygons and cached.
 */
export function createLocator(districts: DistrictCollection, communes: CommuneCollection): Locator {
  const district = indexedLookup(toAreas(districts.features));
  const commune = indexedLookup(toAreas(communes.features));
  return { district, commune };
}
