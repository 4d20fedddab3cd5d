import { describe, expect, test } from "vitest";
import {
  chartValue,
  dimensionOptions,
  formatVolumeCell,
  monthTickInterval,
  parseVolumeRows,
  sliceByChannel,
  sliceTotals,
  summarizeVolumes,
  volumesByMonthAndChannel,
  volumesTakeaway,
} from "./volumes.ts";

const NNBSP = "\u202f";
const NBSP = "\u00a0";

// The rows of the synthetic release used across the dashboard tests.
const CSV_ROWS = [
  { mois: "2026-01", canal: "web", groupe_categorie: "proprete", nb_signalements: "40", secret_statistique: "false" },
  { mois: "2026-01", canal: "app", groupe_categorie: "proprete", nb_signalements: "25", secret_statistique: "false" },
  { mois: "2026-01", canal: "telephone", groupe_categorie: "voirie", nb_signalements: "", secret_statistique: "true" },
  { mois: "2026-02", canal: "web", groupe_categorie: "voirie", nb_signalements: "31", secret_statistique: "false" },
  { mois: "2026-02", canal: "courriel", groupe_categorie: "eclairage", nb_signalements: "12", secret_statistique: "false" },
];

describe("volumes_mensuels shaping", () => {
  const rows = parseVolumeRows(CSV_ROWS);

  test("a suppressed cell is null, never zero", () => {
    expect(rows.map((r) => r.count)).toEqual([40, 25, null, 31, 12]);
    expect(parseVolumeRows([{ mois: "2026-01", canal: "web", nb_signalements: "0", secret_statistique: "false" }])[0]?.count).toBe(0);
  });

  test("sums by month and channel, every channel present", () => {
    const cells = volumesByMonthAndChannel(rows).map((v) => [v.month, v.label, v.published, v.suppressedCells]);
    expect(cells).toEqual([
      ["2026-01", "Web", 40, 0],
      ["2026-01", "Application", 25, 0],
      ["2026-01", "Téléphone", 0, 1],
      ["2026-01", "Courriel", 0, 0],
      ["2026-02", "Web", 31, 0],
      ["2026-02", "Application", 0, 0],
      ["2026-02", "Téléphone", 0, 0],
      ["2026-02", "Courriel", 12, 0],
    ]);
  });

  test("key figures: period and published total (40 + 25 + 31 + 12)", () => {
    expect(summarizeVolumes(rows)).toEqual({ firstMonth: "2026-01", lastMonth: "2026-02", published: 108, suppressedCells: 1 });
    expect(summarizeVolumes([])).toBeNull();
  });

  test.each([
    [{ published: 12345, suppressedCells: 0 }, `12${NNBSP}345`],
    [{ published: 0, suppressedCells: 0 }, "0"],
    [{ published: 0, suppressedCells: 1 }, "non diffusé (< 11)"],
    [{ published: 40, suppressedCells: 2 }, "40 + non diffusé (< 11)"],
  ])("formatVolumeCell(%j)", (cell, expected) => {
    expect(formatVolumeCell(cell)).toBe(expected);
  });

  test.each([
    [{ published: 0, suppressedCells: 1 }, null],
    [{ published: 0, suppressedCells: 0 }, 0],
    [{ published: 40, suppressedCells: 2 }, 40],
  ])("chartValue(%j) = %j", (cell, expected) => {
    expect(chartValue(cell)).toBe(expected);
  });

  test.each([
    [2, 1200, "month"],
    [12, 1200, "month"],
    [24, 310, "8 months"],
    [12, 310, "4 months"],
  ])("monthTickInterval(%d months, %d px) = %s", (months, width, expected) => {
    expect(monthTickInterval(months, width)).toBe(expected);
  });

  test("takeaway: web has 71 of 108 reports, January is the busiest month (65)", () => {
    expect(volumesTakeaway(volumesByMonthAndChannel(rows))).toBe(
      `Parmi les valeurs publiées (cases non diffusées exclues), le canal Web réunit 66${NBSP}% des signalements ; le mois le plus chargé est janvier 2026 (65 signalements).`,
    );
    const unsuppressed = volumesByMonthAndChannel(rows).filter((v) => v.suppressedCells === 0);
    expect(volumesTakeaway(unsuppressed)).toMatch(/^Le canal Web réunit \d+\u00a0% des signalements publiés ; /);
    expect(volumesTakeaway([])).toBe("Aucun signalement publié sur la période.");
  });
});

describe("volumes_mensuels slices (margins read, never summed)", () => {
  const cube = [
    {
      mois: "2026-01",
      canal: "ensemble",
      groupe_categorie: "ensemble",
      code_service: "ensemble",
      code_quartier: "ensemble",
      nb_signalements: "70",
    },
    {
      mois: "2026-01",
      canal: "web",
      groupe_categorie: "ensemble",
      code_service: "ensemble",
      code_quartier: "ensemble",
      nb_signalements: "50",
    },
    {
      mois: "2026-01",
      canal: "app",
      groupe_categorie: "ensemble",
      code_service: "ensemble",
      code_quartier: "ensemble",
      nb_signalements: "",
    },
    {
      mois: "2026-02",
      canal: "web",
      groupe_categorie: "ensemble",
      code_service: "ensemble",
      code_quartier: "ensemble",
      nb_signalements: "45",
    },
    {
      mois: "2026-01",
      canal: "web",
      groupe_categorie: "voirie",
      code_service: "ensemble",
      code_quartier: "ensemble",
      nb_signalements: "20",
    },
    {
      mois: "2026-01",
      canal: "web",
      groupe_categorie: "ensemble",
      code_service: "VOIRIE",
      service: "Voirie",
      code_quartier: "ensemble",
      nb_signalements: "20",
    },
    {
      mois: "2026-01",
      canal: "ensemble",
      groupe_categorie: "ensemble",
      code_service: "VOIRIE",
      service: "Voirie",
      code_quartier: "ensemble",
      nb_signalements: "25",
    },
    {
      mois: "2026-01",
      canal: "web",
      groupe_categorie: "ensemble",
      code_service: "ensemble",
      code_quartier: "meinau",
      quartier: "Meinau",
      nb_signalements: "12",
    },
    {
      mois: "2026-01",
      canal: "web",
      groupe_categorie: "ensemble",
      code_service: "ECLAIRAGE",
      service: "Éclairage public",
      code_quartier: "ensemble",
      nb_signalements: "14",
    },
  ];
  const rows = parseVolumeRows(cube);
  const all = { service: "ensemble", district: "ensemble" };

  test.each([
    [all, [50, null, 45]],
    [{ ...all, month: "2026-02" }, [45]],
    [{ ...all, service: "VOIRIE" }, [20]],
    [{ ...all, district: "meinau" }, [12]],
  ])("sliceByChannel(%j)", (filter, counts) => {
    expect(sliceByChannel(rows, filter).map((r) => r.count)).toEqual(counts);
  });

  test.each([
    [all, [70]],
    [{ ...all, service: "VOIRIE" }, [25]],
    [{ ...all, district: "meinau" }, []],
  ])("sliceTotals(%j)", (filter, counts) => {
    expect(sliceTotals(rows, filter).map((r) => r.count)).toEqual(counts);
  });

  test("filter options by French label, margins excluded", () => {
    expect(dimensionOptions(cube, "code_service", "service")).toEqual([
      ["ECLAIRAGE", "Éclairage public"],
      ["VOIRIE", "Voirie"],
    ]);
    expect(dimensionOptions(cube, "code_quartier", "quartier")).toEqual([["meinau", "Meinau"]]);
  });
});
