import { DISTRICT_PROPERTIES } from "../../schemas/published/tables.ts";
import { bbox, type PolygonCoords, rewindPolygon, roundCoord } from "../core/geo.ts";
import { h3Polygon } from "./anonymize.ts";
import type { Row } from "./lines.ts";

/** A GeoJSON Polygon feature with flat properties. */
export interface PolygonFeature {
  type: "Feature";
  bbox: [number, number, number, number];
  properties: Row;
  geometry: { type: "Polygon"; coordinates: PolygonCoords };
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

/** Wraps features in a collection with an overall bbox. */
export function featureCollection(features: PolygonFeature[]): FeatureCollection {
  return { type: "FeatureCollection", bbox: bbox(features.map((f) => f.geometry.coordinates)), features };
}

/** One polygon per located H3 cell (rows without a cell have no feature), properties = the row's published columns. */
export function h3Collection(rows: Row[], cellColumn: string): FeatureCollection {
  const located = rows.filter((row) => typeof row[cellColumn] === "string");
  return featureCollection(located.map((row) => polygonFeature(row, h3Polygon(String(row[cellColumn])).coordinates)));
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
