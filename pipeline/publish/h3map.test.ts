import { cellToChildren, cellToLatLng, cellToParent } from "h3-js";
import { expect, test } from "vitest";
import { signedArea2 } from "../core/geo.ts";
import { cellOutline, coarsenMap, type MapPoint, RESIDUAL_ZONE } from "./h3map.ts";

const policy = { resolution: 8, minResolution: 6, k: 11, dominanceShare: 0.5 };
// A resolution-6 cell of Strasbourg, its resolution-7 children and theirs at resolution 8.
const p6 = cellToParent("881f856007fffff", 6);
const [p7, q7] = cellToChildren(p6, 7) as [string, string];
const [a8, b8] = cellToChildren(p7, 8) as [string, string];
const [e8] = cellToChildren(q7, 8) as [string];
const far = cellToChildren(cellToChildren(cellToParent("881f8d4b29fffff", 6), 7)[3] as string, 8)[2] as string;

/** n points at the centre of a cell, each from its own reporter unless one is given. */
function points(cell: string, n: number, reporter?: string): MapPoint[] {
  const [latitude, longitude] = cellToLatLng(cell);
  return Array.from({ length: n }, (_, i) => ({ latitude, longitude, reporter: reporter ?? `${cell}-${i}` }));
}
const counts = (rows: ReturnType<typeof coarsenMap>) => rows.map((r) => [r.cellule_h3, r.resolution_h3, r.nb_signalements]);

test("a cell with k reports from different reporters is published at resolution 8", () => {
  expect(counts(coarsenMap(points(a8, 11), policy, "p"))).toEqual([[a8, 8, 11]]);
});

test("sparse sub-cells are pooled into their parent; a dense sibling stays published on its own", () => {
  const c8 = cellToChildren(p7, 8)[2] as string;
  // b8 (6) and c8 (6) are each below k; pooled into p7 they make 12; a8 (11) is published at resolution 8.
  expect(counts(coarsenMap([...points(a8, 11), ...points(b8, 6), ...points(c8, 6)], policy, "p"))).toEqual([
    [p7, 7, 12],
    [a8, 8, 11],
  ]);
});

test("a pool still sparse climbs: pools of two resolution-7 cells meet in their resolution-6 parent", () => {
  const rows = coarsenMap([...points(a8, 11), ...points(b8, 7), ...points(e8, 5)], policy, "p");
  // b8 (7) → pool p7 = 7, sparse; e8 (5) → pool q7 = 5, sparse; both → pool p6 = 12, kept.
  expect(counts(rows)).toEqual([
    [p6, 6, 12],
    [a8, 8, 11],
  ]);
});

test("what stays sparse at resolution 6 goes to one residual row without a place, so the map adds up", () => {
  const rows = coarsenMap([...points(a8, 12), ...points(far, 2)], policy, "12_mois_glissants");
  expect(counts(rows)).toEqual([
    [a8, 8, 12],
    [RESIDUAL_ZONE, null, 2],
  ]);
  expect(rows.at(-1)?.periode).toBe("12_mois_glissants");
});

test("a pool still sparse at resolution 6 goes to the residual", () => {
  expect(counts(coarsenMap([...points(a8, 11), ...points(b8, 3)], policy, "p"))).toEqual([
    [a8, 8, 11],
    [RESIDUAL_ZONE, null, 3],
  ]);
});

test("a cell made mostly by one reporter is sparse even above k: coarsened, then residual", () => {
  const rows = coarsenMap([...points(a8, 20, "same"), ...points(far, 11)], policy, "p");
  expect(counts(rows)).toEqual([
    [far, 8, 11],
    [RESIDUAL_ZONE, null, 20],
  ]);
  expect(rows[0]?.part_max_declarant).toBeCloseTo(1 / 11, 4);
});

test("a pooled cell is drawn as its sub-cells less those published on their own", () => {
  const published = new Set([p7, a8]);
  const outline = cellOutline(p7, 8, published);
  const own = cellToChildren(p7, 8).filter((c) => c !== a8);
  // Same region as the six other children: compare areas (planar, in degrees², within 0.5 %).
  const area = (polygons: [number, number][][][]) =>
    polygons.reduce(
      (s, poly) => s + Math.abs(signedArea2(poly[0] ?? [])) / 2 - poly.slice(1).reduce((h, ring) => h + Math.abs(signedArea2(ring)) / 2, 0),
      0,
    );
  const expected = own.reduce((s, c) => s + area(cellOutline(c, 8)), 0);
  expect(Math.abs(area(outline) - expected) / expected).toBeLessThan(0.005);
  expect(area(cellOutline(p7, 8))).toBeGreaterThan(area(outline) * 1.1);
});

test("no located report: no row", () => {
  expect(coarsenMap([], policy, "p")).toEqual([]);
});
