import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { loadReference } from "../reference.ts";
import { createLocator } from "./districts.ts";
import { isCounterClockwise, pointInPolygon, rewindPolygon, signedArea2 } from "./geo.ts";

const ref = loadReference();
const locator = createLocator(ref.districts, ref.communes);

describe("reference districts", () => {
  test("the source file is clockwise (the known defect) and the project copy is rewound", () => {
    const source = JSON.parse(readFileSync("data/reference/sources/strasbourg-quartiers-10.geojson", "utf8"));
    expect(
      source.features.every(
        (f: { geometry: { coordinates: [number, number][][] } }) => !isCounterClockwise(f.geometry.coordinates[0] ?? []),
      ),
    ).toBe(true);
    expect(ref.districts.features.every((f) => isCounterClockwise(f.geometry.coordinates[0] as [number, number][]))).toBe(true);
  });

  test("rewinding a clockwise unit square makes it counter-clockwise with the same area", () => {
    const cw: [number, number][] = [
      [0, 0],
      [0, 1],
      [1, 1],
      [1, 0],
      [0, 0],
    ];
    expect(signedArea2(cw)).toBe(-2);
    const [outer] = rewindPolygon([cw]);
    expect(signedArea2(outer ?? [])).toBe(2);
  });

  test("a hole excludes its points", () => {
    const outer: [number, number][] = [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [0, 0],
    ];
    const hole: [number, number][] = [
      [4, 4],
      [4, 6],
      [6, 6],
      [6, 4],
      [4, 4],
    ];
    expect(pointInPolygon(2, 2, [outer, hole])).toBe(true);
    expect(pointInPolygon(5, 5, [outer, hole])).toBe(false);
    expect(pointInPolygon(11, 5, [outer, hole])).toBe(false);
  });

  test.each([
    // reference points from the provenance note of the shared reference data
    [7.7509, 48.5818, "67482", "strasbourg_centre"], // cathedral
    [7.7495, 48.6075, "67447", null], // Schiltigheim
    [7.718, 48.529, "67218", null], // Illkirch-Graffenstaden
    [7.358, 48.079, null, null], // Colmar, outside the metro area
  ])("(%f, %f) is in commune %s and district %s", (lon, lat, commune, district) => {
    expect(locator.commune(lon, lat)).toBe(commune);
    expect(locator.district(lon, lat)).toBe(district);
  });

  test("near the Rhine a district point can fall outside the simplified commune layer (ingestion accepts it)", () => {
    expect(locator.district(7.803464, 48.510821)).toBe("neuhof");
    expect(locator.commune(7.803464, 48.510821)).toBeNull();
  });

  test("district codes are the ten stable codes", () => {
    expect(ref.districts.features.map((f) => f.properties.code)).toEqual([
      "bourse_esplanade_krutenau",
      "conseil_des_xv",
      "cronenbourg_hautepierre_poteries_hohberg",
      "gare_kleber",
      "koenigshoffen_montagne_verte_elsau",
      "meinau",
      "neudorf_musau_port_du_rhin",
      "neuhof",
      "robertsau_wacken",
      "strasbourg_centre",
    ]);
  });
});
