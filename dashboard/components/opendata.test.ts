import { describe, expect, test } from "vitest";
import {
  type DataPackage,
  decisionLabel,
  decisionsTakeaway,
  formatDecisionDate,
  formatLabel,
  type PublicationDecision,
  parseChangelog,
  publicationDecisions,
  releaseTables,
  typeLabel,
} from "./opendata.ts";

const decision = (table: string, code: string): PublicationDecision => ({
  table,
  definition: `Définition de ${table}.`,
  decision: code,
  decide_par: code === "pending" ? null : "Conseil municipal",
  decide_le: code === "pending" ? null : "2026-01-26",
  deliberation: code === "pending" ? null : "2026-001",
});

describe("datapackage.json and CHANGELOG.md", () => {
  test.each([
    [{ format: "csv", path: "data/a.csv" }, "CSV (UTF-8, virgule)"],
    [{ format: "csv", path: "excel/a.csv" }, "CSV pour tableur (point-virgule, BOM)"],
    [{ format: "parquet", path: "data/a.parquet" }, "Parquet"],
    [{ format: "geojson", path: "data/q.geojson" }, "GeoJSON"],
    [{ format: "zip", path: "a.zip" }, "zip"],
  ])("formatLabel(%j)", (resource, label) => {
    expect(formatLabel(resource)).toBe(label);
  });

  test.each([
    ["integer", "entier"],
    ["boolean", "booléen (true/false)"],
    ["date", "date (AAAA-MM-JJ)"],
    ["geopoint", "geopoint"],
  ])("typeLabel(%s)", (type, label) => {
    expect(typeLabel(type)).toBe(label);
  });

  test("one table per schema, CSV title without its format suffix", () => {
    const pkg = {
      resources: [
        {
          name: "volumes_mensuels",
          title: "Volumes mensuels (CSV)",
          path: "data/volumes_mensuels.csv",
          format: "csv",
          bytes: 1,
          schema: "schemas/volumes_mensuels.schema.json",
        },
        {
          name: "volumes_mensuels-parquet",
          title: "Volumes (Parquet)",
          path: "data/volumes_mensuels.parquet",
          format: "parquet",
          bytes: 1,
          schema: "schemas/volumes_mensuels.schema.json",
        },
        {
          name: "volumes_mensuels-excel",
          title: "Volumes (Excel)",
          path: "excel/volumes_mensuels.csv",
          format: "csv",
          bytes: 1,
          schema: "schemas/volumes_mensuels.schema.json",
        },
        { name: "quartiers", title: "Quartiers", path: "data/quartiers.geojson", format: "geojson", bytes: 1 },
      ],
    } as DataPackage;
    expect(releaseTables(pkg)).toEqual([
      { name: "volumes_mensuels", title: "Volumes mensuels", schema: "schemas/volumes_mensuels.schema.json" },
    ]);
  });

  test("changelog entries with their changes, as written", () => {
    expect(
      parseChangelog(
        "# Journal\r\n\r\n## 1.2.0 — 2026-04-01\r\n- Ajout.\r\n- Mars publié.\r\n\r\n## 1.0.0 — 2026-02-01\r\n- Première publication.\r\n",
      ),
    ).toEqual([
      { version: "1.2.0", date: "2026-04-01", changes: ["Ajout.", "Mars publié."] },
      { version: "1.0.0", date: "2026-02-01", changes: ["Première publication."] },
    ]);
    expect(parseChangelog("- orphan\n")).toEqual([]);
  });

  test.each([
    ["approved", "publié"],
    ["pending", "en attente"],
    ["withheld", "non publié"],
    ["other", "other"],
  ])("decisionLabel(%s) = %s", (code, label) => {
    expect(decisionLabel(code)).toBe(label);
  });

  test("every decision, approved then pending then withheld, by table", () => {
    const decisions = [
      decision("z_table", "withheld"),
      decision("b_table", "pending"),
      decision("c_table", "approved"),
      decision("a_table", "approved"),
    ];
    expect(publicationDecisions({ decisions_publication: decisions }).map((d) => `${d.table}:${d.decision}`)).toEqual([
      "a_table:approved",
      "c_table:approved",
      "b_table:pending",
      "z_table:withheld",
    ]);
    expect(publicationDecisions({})).toEqual([]);
  });

  test.each([
    [["approved", "approved", "pending", "withheld"], "4 indicateurs au registre : 2 publiés, 1 en attente, 1 non publié."],
    [["approved"], "1 indicateur publié, chacun sur une décision enregistrée des élus."],
    [["approved", "approved", "approved"], "3 indicateurs publiés, chacun sur une décision enregistrée des élus."],
    [[], "Aucune décision de publication n'est inscrite dans cette publication."],
  ])("decisionsTakeaway(%j)", (codes, expected) => {
    expect(decisionsTakeaway(codes.map((c, i) => decision(`t${i}`, c)))).toBe(expected);
  });

  test.each([
    ["2026-01-26", "26 janvier 2026"],
    [null, "—"],
  ])("formatDecisionDate(%j)", (date, text) => {
    expect(formatDecisionDate(date)).toBe(text);
  });
});
