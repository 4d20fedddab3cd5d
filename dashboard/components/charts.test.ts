import { describe, expect, test } from "vitest";
import { barColor, type Features, percentDomain, rewindForD3, seriesTick, seriesTickMonths } from "./charts.ts";

describe("chart data shaping", () => {
  test.each([
    ["Web", undefined, "#0b5cad"],
    ["Web", "Web", "#06356b"],
    ["Courriel", "Web", "#8fb3da"],
  ])("barColor(%s, highlight %s)", (label, highlight, colour) => {
    expect(barColor(label, highlight)).toBe(colour);
  });

  test.each([
    [
      [0.85, null, 0.6],
      [0, 1],
    ],
    [
      [0.02, 0.05, null],
      [0, 0.1],
    ],
    [[0.3], [0, 0.4]],
    [[null], [0, 0.1]],
  ])("percentDomain(%j) = %j", (values, domain) => {
    expect(percentDomain(values)).toEqual(domain);
  });

  test.each([
    ["2026-01-01", false, "janv. 26"],
    ["2026-04-01", true, "T2 26"],
    ["2025-10-01", true, "T4 25"],
  ])("seriesTick(%s, quarterly %s) = %s", (date, quarterly, text) => {
    expect(seriesTick(new Date(`${date}T00:00:00Z`), quarterly)).toBe(text);
  });

  test.each([
    [12, 1200, false, 1],
    [23, 620, false, 3],
    [23, 230, false, 8],
    [8, 1200, true, 3],
    [8, 230, true, 9],
  ])("seriesTickMonths(%d points, %d px, quarterly %s) = %d", (count, width, quarterly, months) => {
    expect(seriesTickMonths(count, width, quarterly)).toBe(months);
  });

  test("RFC 7946 rings are reversed for d3-geo; other geometries untouched", () => {
    const ring = [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 0],
    ];
    const collection: Features = {
      type: "FeatureCollection",
      features: [
        { type: "Feature", properties: { a: 1 }, geometry: { type: "Polygon", coordinates: [ring] } },
        { type: "Feature", properties: {}, geometry: { type: "Point", coordinates: [0, 0] } },
      ],
    };
    const out = rewindForD3(collection);
    expect(out.features[0]?.geometry).toEqual({
      type: "Polygon",
      coordinates: [
        [
          [0, 0],
          [1, 1],
          [1, 0],
          [0, 0],
        ],
      ],
    });
    expect(out.features[1]).toBe(collection.features[1]);
    expect(collection.features[0]?.geometry).toEqual({ type: "Polygon", coordinates: [ring] });
  });
});
