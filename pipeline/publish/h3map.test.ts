import { cellToChildren, cellToLatLng, cellToParent } from "h3-js";
import { expect, test } from "vitest";
import { coarsenMap, type MapPoint, RESIDUAL_ZONE } from "./h3map.ts";

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

test("a sparse cell is merged with every cell of its parent, the kept sibling included (no overlap)", () => {
  expect(counts(coarsenMap([...points(a8, 11), ...points(b8, 3)], policy, "p"))).toEqual([[p7, 7, 14]]);
});

test("merging climbs: a sparse resolution-7 cell takes its kept resolution-7 sibling into their parent", () => {
  const rows = coarsenMap([...points(a8, 11), ...points(b8, 3), ...points(e8, 5)], policy, "p");
  // b8 (3) → p7 = 14, kept; e8 (5) → q7 = 5, sparse → p6 = 14 + 5.
  expect(counts(rows)).toEqual([[p6, 6, 19]]);
});

test("what stays sparse at resolution 6 goes to one residual row without a place, so the map adds up", () => {
  const rows = coarsenMap([...points(a8, 12), ...points(far, 2)], policy, "12_mois_glissants");
  expect(counts(rows)).toEqual([
    [a8, 8, 12],
    [RESIDUAL_ZONE, null, 2],
  ]);
  expect(rows.at(-1)?.periode).toBe("12_mois_glissants");
});

test("a cell made mostly by one reporter is sparse even above k: coarsened, then residual", () => {
  const rows = coarsenMap([...points(a8, 20, "same"), ...points(far, 11)], policy, "p");
  expect(counts(rows)).toEqual([
    [far, 8, 11],
    [RESIDUAL_ZONE, null, 20],
  ]);
  expect(rows[0]?.part_max_declarant).toBeCloseTo(1 / 11, 4);
});

test("no located report: no row", () => {
  expect(coarsenMap([], policy, "p")).toEqual([]);
});
