import { DISTRICT_PROPERTIES } from "../../schemas/published/tables.ts";
import { bbox, type PolygonCoords, rewindPolygon, roundCoord } from "../core/geo.ts";
import { cellOutline } from "./h3map.ts";
import type { Row } from "./rows.ts";

/** A GeoJSON Polygon or MultiPolygon feature with flat properties. */
export interface PolygonFeature {
  type: "Feature";
  bbox: [number, number, number, number];
  properties: Row;
  geometry: { type: "Polygon"; coordinates: PolygonCoords } | { type: "MultiPolygon"; coordinates: PolygonCoords[] };
}

/** An RFC 7946 FeatureCollection (no `crs`, WGS 84 implied). */
export interface FeatureCollection {
  type: "FeatureCollection";
  bbox: [number, number, number, number];
  features: PolygonFeature[];
}

/** Rounds to ≤ 6 decimals and rewinds (exterior counter-clockwise, holes clockwise). */
function cleanPolygon(polygon: PolygonCoords): PolygonCoords {
  return rewindPolygon(polygon.map((ring) => ring.map(([x, y]) => [roundCoord(x, 6), roundCoord(y, 6)] as [number, number])));
}

/** Builds one feature with its bbox. */
export function polygonFeature(properties: Row, polygon: PolygonCoords): PolygonFeature {
  const coordinates = cleanPolygon(polygon);
  return { type: "Feature", bbox: bbox([coordinates]), properties, geometry: { type: "Polygon", coordinates } };
}

/** A Polygon feature for one polygon, a MultiPolygon feature for several, with its bbox. */
export function multiPolygonFeature(properties: Row, polygons: PolygonCoords[]): PolygonFeature {
  if (polygons.length === 1 && polygons[0]) return polygonFeature(properties, polygons[0]);
  const coordinates = polygons.map(cleanPolygon);
  return { type: "Feature", bbox: bbox(coordinates), properties, geometry: { type: "MultiPolygon", coordinates } };
}

/** Wraps features in a collection with an overall bbox. */
export function featureCollection(features: PolygonFeature[]): FeatureCollection {
  const polygons = features.flatMap((f) => (f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates));
  return { type: "FeatureCollection", bbox: bbox(polygons), features };
}

const H3_ID = /^[0-9a-f]{15}$/;

/**
 * One feature per H3 cell (rows without a cell, or the map's residual row, have none), properties = the
 * row's published columns; a pooled cell is drawn as its descendants at `baseResolution` less those of
 * the finer cells published on their own.
 */
export function h3Collection(rows: Row[], cellColumn: string, baseResolution: number): FeatureCollection {
  const located = rows.filter((row) => typeof row[cellColumn] === "string" && H3_ID.test(row[cellColumn]));
  const published = new Set(located.map((row) => String(row[cellColumn])));
  return featureCollection(located.map((row) => multiPolygonFeature(row, cellOutline(String(row[cellColumn]), baseResolution, published))));
}

/** The 10 districts joined to their latest published metrics (one row per code_quartier). */
export function districtCollection(
  districts: { properties: { code: string; nom: string }; geometry: { coordinates: PolygonCoords } }[],
  metrics: Row[],
): FeatureCollection {
  const byCode = new Map(metrics.map((m) => [m.code_quartier, m]));
  return featureCollection(
    districts.map((d) => {
      const m = byCode.get(d.properties.code) ?? {};
      const props: Row = {};
      for (const key of DISTRICT_PROPERTIES) props[key] = m[key] ?? null;
      props.code_quartier = d.properties.code;
      props.quartier = d.properties.nom;
      return polygonFeature(props, d.geometry.coordinates);
    }),
  );
}
