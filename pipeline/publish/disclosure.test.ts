import { describe, expect, test } from "vitest";
import { PUBLISHED_TABLES } from "../../schemas/published/tables.ts";
import { applyDisclosureControl } from "./disclosure.ts";
import type { Row } from "./rows.ts";
import { withStatuses } from "./statuses.ts";

const policy = { k: 11, dominanceShare: 0.5 };
const spec = { counts: ["n"] };
const ns = (rows: Row[] | undefined) => (rows ?? []).map((r) => r.n);

describe("threshold and dominance on a controlled table", () => {
  test.each([
    ["1 to k−1 suppressed, k kept, zero kept", [1, 10, 11, 0], [], [null, null, 11, 0], { primaire: 2, dominance: 0 }],
    ["one reporter above the share suppresses a big cell", [30], [0.8], [null], { primaire: 0, dominance: 1 }],
    ["a share exactly at the threshold is not dominance", [30], [0.5], [30], { primaire: 0, dominance: 0 }],
    ["a small dominated cell counts once, as below the threshold", [4], [1], [null], { primaire: 1, dominance: 0 }],
  ])("%s", (_, counts, shares, expected, reasons) => {
    const rows: Row[] = counts.map((n, i) => ({ q: `q${i}`, n, part_max_declarant: shares[i] ?? 0.1 }));
    const { tables, report } = applyDisclosureControl({ t: rows }, { t: spec }, policy);
    expect(ns(tables.t)).toEqual(expected);
    expect(report.t).toEqual({ lignes: counts.length, cellules: counts.length, secondaire: 0, ...reasons });
    expect(tables.t?.map((r) => r.secret_statistique)).toEqual(expected.map((v) => v === null));
  });
});

describe("a total next to suppressed details is published only when they keep k of cover from each other", () => {
  const margin = { counts: ["n"], margin: { column: "q", total: "ensemble", by: ["p"] } };
  const group = (values: Record<string, number>) =>
    Object.entries(values).map(([q, n]) => ({ p: "2026-T1", q, n, part_max_declarant: 0.1 }));
  test.each([
    // Suppressed 4 and 9: cover of 4 is 9 (≥ 11? no) → the total would bound 4 within [0, 13]: suppressed.
    ["two small details not covering each other", { a: 4, b: 9, c: 20, ensemble: 33 }, [null, null, 20, null], 1],
    // Suppressed 4, 9 and 10: each keeps ≥ 11 of cover (19, 14, 13): the total is published.
    ["three small details covering each other", { a: 4, b: 9, c: 10, d: 20, ensemble: 43 }, [null, null, null, 20, 43], 0],
    // A single suppressed detail would be total − the others: the total goes.
    ["one small detail", { a: 5, b: 20, ensemble: 25 }, [null, 20, null], 1],
    ["nothing suppressed: the total stays", { a: 11, b: 20, ensemble: 31 }, [11, 20, 31], 0],
    ["a total below k is suppressed as below k, not as a margin", { a: 3, b: 4, ensemble: 7 }, [null, null, null], 0],
  ])("%s", (_, values, expected, secondary) => {
    const { tables, report } = applyDisclosureControl({ t: group(values) }, { t: margin }, policy);
    expect(ns(tables.t)).toEqual(expected);
    expect(report.t?.secondaire).toBe(secondary);
    expect(tables.t?.at(-1)?.secret_statistique).toBe(expected.at(-1) === null);
  });
  test("groups are independent (one total per period)", () => {
    const rows = [...group({ a: 5, b: 20, ensemble: 25 }), ...group({ a: 11, b: 20, ensemble: 31 }).map((r) => ({ ...r, p: "2026-T2" }))];
    const { tables } = applyDisclosureControl({ t: rows }, { t: margin }, policy);
    expect(ns(tables.t)).toEqual([null, 20, null, 11, 20, 31]);
  });
});

test("exempt rows (the map's residual, which names no place) are published whatever their count", () => {
  const rows: Row[] = [
    { z: "881f856007fffff", n: 3 },
    { z: "autres_zones", n: 3 },
  ];
  const { tables } = applyDisclosureControl({ t: rows }, { t: { counts: ["n"], exempt: { column: "z", value: "autres_zones" } } }, policy);
  expect(ns(tables.t)).toEqual([null, 3]);
});

test("only the map and the sensitive table are under the threshold: general tables identify no one", () => {
  const controlled = PUBLISHED_TABLES.filter((t) => t.disclosure).map((t) => t.name);
  expect(controlled.sort()).toEqual(["carte_h3", "signalements_sensibles"]);
});

test("a count that is not a non-negative integer is refused", () => {
  expect(() => applyDisclosureControl({ t: [{ n: 2.5 }] }, { t: spec }, policy)).toThrow(
    "compte invalide dans t.n (ligne 1) : entier positif attendu",
  );
});

describe("statut columns say why a delay statistic is empty", () => {
  const table = PUBLISHED_TABLES.find((t) => t.name === "delais_par_service");
  if (!table) throw new Error("delais_par_service absent");
  const base = { n: 5, secret_statistique: false, delai_median_jours: 3, delai_p90_jours: 9, taux_dans_les_delais: 0.8 };
  test.each([
    ["all published (even with n = 5: no threshold on delays)", base, ["publie", "publie", "publie"]],
    [
      "no report in the period",
      { ...base, n: 0, delai_median_jours: null, delai_p90_jours: null, taux_dans_les_delais: null },
      ["sans_donnees", "sans_donnees", "sans_donnees"],
    ],
    ["median reached, p90 not yet", { ...base, delai_p90_jours: null }, ["publie", "non_atteint", "publie"]],
    [
      "nothing closed nor overdue yet: no rate",
      { ...base, delai_median_jours: null, delai_p90_jours: null, taux_dans_les_delais: null },
      ["non_atteint", "non_atteint", "non_atteint"],
    ],
    [
      "a suppressed row says so",
      { ...base, secret_statistique: true, taux_dans_les_delais: null },
      ["publie", "publie", "secret_statistique"],
    ],
  ])("%s", (_, row, expected) => {
    const [out] = withStatuses(table, [row as Row]);
    expect([out?.statut_delai_median, out?.statut_delai_p90, out?.statut_taux]).toEqual(expected);
  });
});
