/**
 * Where reports happen: a pool of points per district, each drawn in the district's bounding box
 * and kept only when the district locator places it in that district.
 */
import type { DistrictCollection } from "../../schemas/districts.ts";
import type { Locator } from "../core/districts.ts";
import { bbox, type PolygonCoords } from "../core/geo.ts";
import type { Rng } from "./prng.ts";

/** A point as written in Open311 (`lat`, `long`) with 5 or 6 decimals. */
export interface Point {
  lat: number;
  lon: number;
}

/** Candidate points per district, all verified by the locator. */
export type PointPools = Map<string, Point[]>;

const decimals = (value: number): number => (String(value).split(".")[1] ?? "").length;

/** Builds `size` verified points for each district (deterministic for a given rng). */
export function buildPointPools(rng: Rng, districts: DistrictCollection, locator: Locator, size: number): PointPools {
  const pools: PointPools = new Map();
  for (const feature of districts.features) {
    const code = feature.properties.code;
    const [x0, y0, x1, y1] = bbox([feature.geometry.coordinates as PolygonCoords]);
    const points: Point[] = [];
    for (let tries = 0; points.length < size; tries++) {
      if (tries > size * 1000) throw new Error(`aucun point trouvé dans le quartier ${code}`);
      const places = rng.chance(0.7) ? 6 : 5;
      const factor = 10 ** places;
      const lon = Math.round((x0 + rng.next() * (x1 - x0)) * factor) / factor;
      const lat = Math.round((y0 + rng.next() * (y1 - y0)) * factor) / factor;
      if (decimals(lon) < 5 || decimals(lat) < 5) continue;
      if (locator.district(lon, lat) === code) points.push({ lat, lon });
    }
    pools.set(code, points);
  }
  return pools;
}
