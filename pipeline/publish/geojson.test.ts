import { expect, test } from "vitest";
import { isCounterClockwise } from "../core/geo.ts";
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
  const fc = h3Collection([{ cellule_h3: "881f856007fffff", nb_signalements: 12 }], "cellule_h3");
  const feature = fc.features[0];
  expect(feature?.properties).toEqual({ cellule_h3: "881f856007fffff", nb_signalements: 12 });
  expect(feature?.geometry.type).toBe("Polygon");
  expect(isCounterClockwise(feature?.geometry.coordinates[0] ?? [])).toBe(true);
  for (const [x, y] of feature?.geometry.coordinates[0] ?? []) {
    expect(Math.round(x * 1e6) / 1e6).toBe(x);
    expect(Math.round(y * 1e6) / 1e6).toBe(y);
  }
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
    secret_statistique: null,
  });
});
