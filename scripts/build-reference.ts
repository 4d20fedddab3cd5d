/**
 * Derives data/reference/quartiers.geojson from the published source file: stable district codes,
 * RFC 7946 winding (the source rings are clockwise), bbox. Run once when the source changes:
 *   npx tsx scripts/build-reference.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { bbox, type PolygonCoords, rewindPolygon } from "../pipeline/core/geo.ts";
import { districtCollectionSchema } from "../schemas/districts.ts";

const source = JSON.parse(readFileSync("data/reference/sources/strasbourg-quartiers-10.geojson", "utf8")) as {
  features: { properties: { name: string }; geometry: { coordinates: PolygonCoords } }[];
};

/** Lowercase ASCII snake_case from a French name. */
function slug(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");
}

const features = source.features.map((f) => ({
  type: "Feature" as const,
  properties: { code: slug(f.properties.name), nom: f.properties.name, source_name: f.properties.name },
  geometry: { type: "Polygon" as const, coordinates: rewindPolygon(f.geometry.coordinates) },
}));
features.sort((a, b) => a.properties.code.localeCompare(b.properties.code));
const collection = districtCollectionSchema.parse({
  type: "FeatureCollection",
  bbox: bbox(features.map((f) => f.geometry.coordinates)),
  features,
});
writeFileSync("data/reference/quartiers.geojson", `${JSON.stringify(collection)}\n`);
console.log(features.map((f) => f.properties.code).join("\n"));
