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

function find(areas: Area[], lon: number, lat: number): string | null {
  for (const area of areas) {
    const [x0, y0, x1, y1] = area.box;
    if (lon < x0 || lon > x1 || lat < y0 || lat > y1) continue;
    if (area.polygons.some((p) => pointInPolygon(lon, lat, p))) return area.code;
  }
  return null;
}

/** Places coordinates in a Strasbourg district and in a metro commune; results cached per coordinate. */
export interface Locator {
  /** District code, or null when the point is in no district. */
  district(lon: number, lat: number): string | null;
  /** INSEE code of the metro commune containing the point, or null when outside the metro area. */
  commune(lon: number, lat: number): string | null;
}

/** Builds a locator from the reference districts and communes. */
export function createLocator(districts: DistrictCollection, communes: CommuneCollection): Locator {
  const districtAreas = toAreas(districts.features);
  const communeAreas = toAreas(communes.features);
  const districtCache = new Map<string, string | null>();
  const communeCache = new Map<string, string | null>();
  const cached = (cache: Map<string, string | null>, areas: Area[], lon: number, lat: number) => {
    const key = `${lon},${lat}`;
    let hit = cache.get(key);
    if (hit === undefined) {
      hit = find(areas, lon, lat);
      if (cache.size > 1_000_000) cache.clear();
      cache.set(key, hit);
    }
    return hit;
  };
  return {
    district: (lon, lat) => cached(districtCache, districtAreas, lon, lat),
    commune: (lon, lat) => cached(communeCache, communeAreas, lon, lat),
  };
}
