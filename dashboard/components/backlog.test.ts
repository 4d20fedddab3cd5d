import { describe, expect, test } from "vitest";
import { backlogByBucket, backlogTable, backlogTakeaway, bucketLabel, parseBacklogRows, snapshotDate } from "./backlog.ts";

const r = (code: string, label: string, bucket: string, open: string, overdue: string) => ({
  date_extraction: "2026-11-29",
  code_service: code,
  service: label,
  tranche_anciennete: bucket,
  nb_en_cours: open,
  nb_en_retard: overdue,
  secret_statistique: open === "" || overdue === "" ? "true" : "false",
});

// Voirie: 12 + 14 + 0 (no row) + 20 + suppressed; total 51, overdue 25. Propreté: everything suppressed but the margin.
const rows = parseBacklogRows([
  r("VOIRIE", "Voirie", "0_7_jours", "12", "0"),
  r("VOIRIE", "Voirie", "8_15_jours", "14", "0"),
  r("VOIRIE", "Voirie", "31_90_jours", "20", "20"),
  r("VOIRIE", "Voirie", "plus_de_90_jours", "", ""),
  r("VOIRIE", "Voirie", "ensemble", "51", "25"),
  r("PROPRETE", "Propreté", "0_7_jours", "", "0"),
  r("PROPRETE", "Propreté", "ensemble", "", ""),
  r("ensemble", "Ensemble", "ensemble", "60", "30"),
]);

describe("stock_en_cours", () => {
  test("parses counts; suppressed is null", () => {
    expect(rows[3]).toEqual({
      extractedOn: "2026-11-29",
      code: "VOIRIE",
      label: "Voirie",
      bucket: "plus_de_90_jours",
      open: null,
      overdue: null,
    });
  });

  test.each([
    ["0_7_jours", "0 à 7 jours"],
    ["plus_de_90_jours", "plus de 90 jours"],
    ["ensemble", "toutes anciennetés"],
    ["inconnue", "inconnue"],
  ])("bucketLabel(%s)", (code, label) => {
    expect(bucketLabel(code)).toBe(label);
  });

  test("every bucket of a service: absent rows are 0, suppressed are null", () => {
    expect(backlogByBucket(rows, "VOIRIE").map((b) => [b.label, b.open, b.overdue])).toEqual([
      ["0 à 7 jours", 12, 0],
      ["8 à 15 jours", 14, 0],
      ["16 à 30 jours", 0, 0],
      ["31 à 90 jours", 20, 20],
      ["plus de 90 jours", null, null],
    ]);
  });

  test("service × age table, by label, the margin last", () => {
    expect(backlogTable(rows)).toEqual([
      { code: "PROPRETE", label: "Propreté", buckets: [null, 0, 0, 0, 0], total: null, overdue: null },
      { code: "VOIRIE", label: "Voirie", buckets: [12, 14, 0, 20, null], total: 51, overdue: 25 },
      { code: "ensemble", label: "Ensemble", buckets: [0, 0, 0, 0, 0], total: 60, overdue: 30 },
    ]);
  });

  test("snapshot date in words", () => {
    expect(snapshotDate(rows)).toBe("29 novembre 2026");
    expect(snapshotDate([])).toBe("—");
  });

  test.each([
    ["ensemble", "Au 29 novembre 2026, 60 signalements en cours, dont 30 au-delà de l'échéance de 15 jours."],
    ["VOIRIE", "Au 29 novembre 2026, 51 signalements en cours pour Voirie, dont 25 au-delà de l'échéance de 15 jours."],
    ["PROPRETE", "Au 29 novembre 2026, le nombre de signalements en cours pour Propreté est non diffusé (< 11)."],
    ["AUTRE", "Aucun signalement en cours publié pour cette sélection."],
  ])("backlogTakeaway(%s)", (code, expected) => {
    const line = backlogTable(rows).find((l) => l.code === code);
    expect(backlogTakeaway(line, snapshotDate(rows))).toBe(expected);
  });

  test("an overdue count suppressed inside a published total", () => {
    const line = { code: "ensemble", label: "Ensemble", buckets: [], total: 1, overdue: null };
    expect(backlogTakeaway(line, "1 mars 2026", 5)).toBe(
      "Au 1 mars 2026, 1 signalement en cours, dont non diffusé (< 5) au-delà de l'échéance de 15 jours.",
    );
  });
});
