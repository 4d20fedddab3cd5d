import { describe, expect, test } from "vitest";
import type { DisclosureSpec } from "../../schemas/published/tables.ts";
import { PUBLISHED_TABLES } from "../../schemas/published/tables.ts";
import { applyDisclosureControl } from "./disclosure.ts";
import type { Row } from "./lines.ts";

const policy = { k: 11, dominanceShare: 0.5 };
const simple: DisclosureSpec = {
  dimensions: [{ name: "p" }, { name: "s", total: "ensemble" }],
  counts: ["n"],
  principal: "n",
  stats: {},
  rowRelations: [],
  measures: { n: "m" },
};
const line = (values: Record<string, number>, extra: Record<string, Row> = {}): Row[] =>
  Object.entries(values).map(([s, n]) => ({ p: "2026-03", s, n, ...(extra[s] ?? {}) }));
const ns = (rows: Row[] | undefined) => (rows ?? []).map((r) => r.n);

describe("primary and secondary suppression on one line", () => {
  test.each([
    [
      "small cell + next smallest",
      { A: 5, B: 20, C: 30, ensemble: 55 },
      {},
      [null, null, 30, 55],
      { primaire: 1, dominance: 0, secondaire: 1 },
    ],
    [
      "zeros stay, next non-zero taken",
      { A: 5, B: 0, C: 30, ensemble: 35 },
      {},
      [null, 0, null, 35],
      { primaire: 1, dominance: 0, secondaire: 1 },
    ],
    ["nothing small: nothing suppressed", { A: 11, B: 0, ensemble: 11 }, {}, [11, 0, 11], { primaire: 0, dominance: 0, secondaire: 0 }],
    [
      "prolific reporter dominates a big cell; only zeros left so the total goes",
      { A: 30, B: 0, ensemble: 30 },
      { A: { part_max_declarant: 0.8 }, ensemble: { part_max_declarant: 0.8 } },
      [null, 0, null],
      { primaire: 0, dominance: 2, secondaire: 0 },
    ],
    [
      "share at the threshold is not dominance",
      { A: 30, B: 12, ensemble: 42 },
      { A: { part_max_declarant: 0.5 } },
      [30, 12, 42],
      { primaire: 0, dominance: 0, secondaire: 0 },
    ],
  ])("%s", (_, values, extra, expected, counts) => {
    const { tables, report } = applyDisclosureControl({ t: line(values, extra) }, { t: simple }, policy);
    expect(ns(tables.t)).toEqual(expected);
    expect(report.t).toMatchObject(counts);
    expect(tables.t?.map((r) => r.secret_statistique)).toEqual(expected.map((v, i) => v === null && Object.values(values)[i] !== 0));
  });
});

test("a 2×2 table with both margins: suppression spreads to a fixed point, margins stay", () => {
  const spec: DisclosureSpec = {
    dimensions: [
      { name: "r", total: "T" },
      { name: "c", total: "T" },
    ],
    counts: ["n"],
    principal: "n",
    stats: {},
    rowRelations: [],
    measures: { n: "m" },
  };
  const grid: [string, string, number][] = [
    ["r1", "c1", 5],
    ["r1", "c2", 20],
    ["r1", "T", 25],
    ["r2", "c1", 30],
    ["r2", "c2", 40],
    ["r2", "T", 70],
    ["T", "c1", 35],
    ["T", "c2", 60],
    ["T", "T", 95],
  ];
  const { tables, report } = applyDisclosureControl({ g: grid.map(([r, c, n]) => ({ r, c, n })) }, { g: spec }, policy);
  expect(ns(tables.g)).toEqual([null, null, 25, null, null, 70, 35, 60, 95]);
  expect(report.g).toMatchObject({ primaire: 1, secondaire: 3 });
});

test("cross-table: a total published in one table protects the same margin in another", () => {
  const withTotal: DisclosureSpec = { ...simple };
  const partition: DisclosureSpec = { ...simple, dimensions: [{ name: "p" }, { name: "q", partition: true }] };
  const x = line({ A: 50, B: 40, ensemble: 90 });
  const y: Row[] = [
    { p: "2026-03", q: "Q1", n: 5 },
    { p: "2026-03", q: "Q2", n: 85 },
  ];
  const alone = applyDisclosureControl({ y }, { y: partition }, policy);
  expect(ns(alone.tables.y)).toEqual([null, 85]);
  const together = applyDisclosureControl({ x, y }, { x: withTotal, y: partition }, policy);
  expect(ns(together.tables.y)).toEqual([null, null]);
  expect(ns(together.tables.x)).toEqual([50, 40, 90]);
});

test("delays: sub-counts, row relation and statistics", () => {
  const spec = PUBLISHED_TABLES.find((t) => t.name === "delais_par_service")?.disclosure as DisclosureSpec;
  const base = { type_periode: "mois", periode: "2026-03", n_clos: 0, delai_median_jours: 4.5, delai_p90_jours: 12 };
  const rows: Row[] = [
    {
      ...base,
      code_service: "A",
      n: 30,
      n_clos: 20,
      nb_dans_les_delais: 17,
      nb_hors_delais: 3,
      nb_en_retard_ouverts: 0,
      taux_dans_les_delais: 0.85,
    },
    {
      ...base,
      code_service: "B",
      n: 40,
      n_clos: 40,
      nb_dans_les_delais: 40,
      nb_hors_delais: 0,
      nb_en_retard_ouverts: 0,
      taux_dans_les_delais: 1,
    },
    {
      ...base,
      code_service: "ensemble",
      n: 70,
      n_clos: 60,
      nb_dans_les_delais: 57,
      nb_hors_delais: 3,
      nb_en_retard_ouverts: 0,
      taux_dans_les_delais: 0.95,
    },
  ];
  const { tables, report } = applyDisclosureControl({ d: rows }, { d: spec }, policy);
  const pick = (r: Row) => [r.nb_dans_les_delais, r.nb_hors_delais, r.taux_dans_les_delais, r.delai_median_jours, r.secret_statistique];
  expect(tables.d?.map(pick)).toEqual([
    [null, null, null, 4.5, true],
    [40, 0, 1, 4.5, false],
    [null, null, null, 4.5, true],
  ]);
  expect(report.d).toEqual({ lignes: 3, cellules: 15, primaire: 2, dominance: 0, secondaire: 2, statistiques_masquees: 2 });
});

test("statistics need n ≥ k even when no count is suppressed", () => {
  const spec = PUBLISHED_TABLES.find((t) => t.name === "delais_par_service")?.disclosure as DisclosureSpec;
  const row: Row = {
    type_periode: "mois",
    periode: "2026-03",
    code_service: "A",
    n: 0,
    n_clos: 0,
    nb_dans_les_delais: 0,
    nb_hors_delais: 0,
    nb_en_retard_ouverts: 0,
    delai_median_jours: 3,
    delai_p90_jours: 5,
    taux_dans_les_delais: null,
  };
  const { tables } = applyDisclosureControl({ d: [row] }, { d: spec }, policy);
  expect(tables.d?.[0]).toMatchObject({ n: 0, delai_median_jours: null, delai_p90_jours: null, secret_statistique: true });
});

test("a count that is not a non-negative integer is refused", () => {
  expect(() => applyDisclosureControl({ t: line({ A: 2.5 }) }, { t: simple }, policy)).toThrow(
    "compte invalide dans t.n (ligne 1) : entier positif attendu",
  );
});
