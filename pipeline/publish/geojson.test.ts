import { cellArea, cellToChildren, cellToLatLng, cellToParent } from "h3-js";
import { expect, test } from "vitest";
import { isCounterClockwise, signedArea2 } from "../core/geo.ts";
import { districtCollection, featureCollection, h3Collection, polygonFeature } from "./geojson.ts";

const clockwise: [number, number][] = [
  [7.1234567, 48.1],
  [7.1, 48.2],
  [7.2, 48.2],
  [7.1234567, 48.1],
];

test("rings are rewound counter-clockwise and rounded to 6 decimals, bbox set, no crs", () => {
  const fc = featureCollection([polygonFeature({ a: 1 }, [clockwise])]);
  const ring = fc.features[0]?.geometry.coordinates[0] ?? [];
  expect(ring).toEqual([
    [7.123457, 48.1],
    [7.2, 48.2],
    [7.1, 48.2],
    [7.123457, 48.1],
  ]);
  expect(fc.bbox).toEqual([7.1, 48.1, 7.2, 48.2]);
  expect("crs" in fc).toBe(false);
});

test("H3 cells become polygons with their row as properties", () => {
  const fc = h3Collection([{ cellule_h3: "881f856007fffff", nb_signalements: 12 }], "cellule_h3", 8);
  const feature = fc.features[0];
  expect(feature?.properties).toEqual({ cellule_h3: "881f856007fffff", nb_signalements: 12 });
  if (feature?.geometry.type !== "Polygon") throw new Error("polygone attendu");
  expect(isCounterClockwise(feature.geometry.coordinates[0] ?? [])).toBe(true);
  for (const [x, y] of feature.geometry.coordinates[0] ?? []) {
    expect(Math.round(x * 1e6) / 1e6).toBe(x);
    expect(Math.round(y * 1e6) / 1e6).toBe(y);
  }
});

test("a coarsened cell is drawn as the union of its children at the map's resolution; the residual row has no feature", () => {
  const parent = cellToParent("881f856007fffff", 7);
  const fc = h3Collection(
    [
      { cellule_h3: parent, nb_signalements: 30 },
      { cellule_h3: "autres_zones", nb_signalements: 4 },
    ],
    "cellule_h3",
    8,
  );
  expect(fc.features).toHaveLength(1);
  const geometry = fc.features[0]?.geometry;
  // The 7 children of a resolution-7 cell form one connected region: one polygon, whose area is the
  // sum of the children's areas (H3 children do not tile their parent's hexagon exactly).
  const polygons = geometry?.type === "MultiPolygon" ? geometry.coordinates : geometry ? [geometry.coordinates] : [];
  expect(polygons).toHaveLength(1);
  const childrenArea = cellToChildren(parent, 8).reduce((sum, c) => sum + cellArea(c, "m2"), 0);
  const ring = polygons[0]?.[0] ?? [];
  // Planar area in degrees² scaled at this latitude is close to the true area (within 1 %).
  const metresPerDegLat = 111_320;
  const metresPerDegLon = 111_320 * Math.cos((cellToLatLng(parent)[0] * Math.PI) / 180);
  const area = (Math.abs(signedArea2(ring)) / 2) * metresPerDegLat * metresPerDegLon;
  expect(Math.abs(area - childrenArea) / childrenArea).toBeLessThan(0.01);
});

test("districts take only allowlisted properties, missing metrics stay empty", () => {
  const fc = districtCollection(
    [{ properties: { code: "q1", nom: "Quartier 1" }, geometry: { coordinates: [clockwise] } }],
    [{ code_quartier: "q1", n: 40, autre: "x" }],
  );
  expect(fc.features[0]?.properties).toEqual({
    code_quartier: "q1",
    quartier: "Quartier 1",
    type_periode: null,
    periode: null,
    n: 40,
    delai_median_jours: null,
    taux_dans_les_delais: null,
    statut_taux: null,
    secret_statistique: null,
  });
});
