import { describe, expect, test } from "vitest";
import {
  comparisonTakeaway,
  countTakeaway,
  type DelayRow,
  delayTakeaway,
  districtVsCity,
  medianTakeaway,
  monthlySeries,
  parseDelayRows,
  periodOptions,
  periodSeries,
  rowsOfPeriod,
  seriesTakeaway,
} from "./delays.ts";

const NBSP = "\u00a0";

const row = (periode: string, type_periode: string, code: string, label: string, extra: Record<string, string> = {}) => ({
  type_periode,
  periode,
  code_service: code,
  service: label,
  n: "",
  n_clos: "",
  delai_median_jours: "",
  delai_p90_jours: "",
  nb_dans_les_delais: "",
  nb_hors_delais: "",
  nb_en_retard_ouverts: "",
  taux_dans_les_delais: "",
  secret_statistique: "true",
  ...extra,
});
const shown = (n: string, rate: string, median: string, p90: string) => ({
  n,
  n_clos: n,
  taux_dans_les_delais: rate,
  delai_median_jours: median,
  delai_p90_jours: p90,
  secret_statistique: "false",
});

const CSV = [
  row("2026-01", "mois", "VOIRIE", "Voirie", shown("40", "0.6", "5", "14")),
  row("2026-02", "mois", "VOIRIE", "Voirie"),
  row("2026-T1", "trimestre", "VOIRIE", "Voirie", shown("120", "0.55", "6.5", "20")),
  row("2026-01", "mois", "PROPRETE", "Propreté", shown("50", "0.8", "3", "9")),
  row("2026-01", "mois", "ensemble", "Ensemble", shown("95", "0.7", "4", "12.5")),
  row("12_mois_glissants", "12_mois_glissants", "ensemble", "Ensemble", shown("300", "0.72", "10", "21")),
  row("2026", "annee", "ensemble", "Ensemble", shown("300", "0.72", "10", "21")),
];
const rows = parseDelayRows(CSV, "service");

describe("delay tables", () => {
  test("parses counts, rates and days; suppressed cells are null and flagged", () => {
    expect(rows[0]).toEqual({
      periodKind: "mois",
      period: "2026-01",
      code: "VOIRIE",
      label: "Voirie",
      n: 40,
      closed: 40,
      medianDays: 5,
      p90Days: 14,
      onTime: null,
      closedLate: null,
      openOverdue: null,
      onTimeRate: 0.6,
      secret: false,
    });
    expect(rows[1]).toMatchObject({ n: null, onTimeRate: null, medianDays: null, secret: true });
  });

  test("district tables read the district columns", () => {
    const [d] = parseDelayRows(
      [{ periode: "2026-01", type_periode: "mois", code_quartier: "meinau", quartier: "Meinau", n: "12" }],
      "quartier",
    );
    expect([d?.code, d?.label, d?.n]).toEqual(["meinau", "Meinau", 12]);
  });

  test("period options: rolling, years, quarters, then months, newest first", () => {
    expect(periodOptions(rows)).toEqual([
      ["12_mois_glissants", "12 mois glissants"],
      ["2026", "année 2026"],
      ["2026-T1", "1er trimestre 2026"],
      ["2026-02", "février 2026"],
      ["2026-01", "janvier 2026"],
    ]);
  });

  test("rows of a period: units by French label, the margin last", () => {
    expect(rowsOfPeriod(rows, "2026-01").map((r) => r.label)).toEqual(["Propreté", "Voirie", "Ensemble"]);
  });

  test("series by period kind, oldest first", () => {
    expect(monthlySeries(rows, "VOIRIE").map((r) => r.period)).toEqual(["2026-01", "2026-02"]);
    expect(periodSeries(rows, "VOIRIE", "trimestre").map((r) => r.period)).toEqual(["2026-T1"]);
    expect(periodSeries(rows, "VOIRIE", "mois")).toEqual(monthlySeries(rows, "VOIRIE"));
  });

  test.each([
    ["2026-01", `Propreté tient le mieux l'engagement de 15 jours (80${NBSP}%), Voirie le moins bien (60${NBSP}%).`],
    ["2026-T1", `Voirie clôt 55${NBSP}% des signalements dans les 15 jours.`],
    // No statut_taux column (a release before the statuses): an empty rate reads as suppressed.
    ["2026-02", "Aucun taux pour cette sélection : non diffusé (< 11)."],
  ])("delayTakeaway(%s)", (period, expected) => {
    expect(delayTakeaway(rowsOfPeriod(rows, period))).toBe(expected);
  });

  test("an empty rate with its status says why, not 'non diffusé'", () => {
    const [late] = parseDelayRows(
      [row("2026-03", "mois", "VOIRIE", "Voirie", { n: "3", secret_statistique: "false", statut_taux: "non_atteint" })],
      "service",
    );
    expect(late?.rateStatus).toBe("non_atteint");
    expect(delayTakeaway([late as (typeof rows)[number]])).toBe("Aucun taux pour cette sélection : pas encore atteint.");
  });

  test.each([
    ["2026-01", `La moitié des signalements est close en 4${NBSP}j ou moins ; 90 % en 12,5${NBSP}j ou moins.`],
    ["2026-02", "Aucun délai publié pour cette sélection."],
  ])("medianTakeaway(%s)", (period, expected) => {
    expect(medianTakeaway(rowsOfPeriod(rows, period))).toBe(expected);
  });

  test.each([
    ["2026-01", "Propreté a reçu le plus de signalements (50), Voirie le moins (40)."],
    ["2026-T1", "Voirie a reçu 120 signalements."],
    ["2026-02", "Aucun nombre publié pour cette sélection : non diffusé (< 5)."],
  ])("countTakeaway(%s)", (period, expected) => {
    expect(countTakeaway(rowsOfPeriod(rows, period), 5)).toBe(expected);
  });

  test.each([
    [[], "Aucune période publiée pour cette sélection."],
    [["2026-01"], `Dernière valeur : 60${NBSP}% en janvier 2026 ; 1 période sur 2 sans valeur (1 non diffusé).`],
  ])("seriesTakeaway", (_unused, expected) => {
    const series = _unused.length === 0 ? [] : monthlySeries(rows, "VOIRIE");
    expect(seriesTakeaway(series, (r) => (r as (typeof rows)[number]).onTimeRate, "Dernière valeur")).toBe(expected);
  });

  test("seriesTakeaway: nothing published", () => {
    expect(seriesTakeaway([rows[1] as (typeof rows)[number]], (r) => (r as (typeof rows)[number]).onTimeRate, "Taux")).toBe(
      "Taux : aucune valeur sur ces périodes (1 non diffusé).",
    );
  });
});

describe("a district against the whole city", () => {
  const row = (period: string, periodKind: string, code: string, n: number, rate: number | null, rateStatus = "publie") =>
    ({
      period,
      periodKind,
      code,
      label: code,
      n,
      closed: null,
      medianDays: null,
      p90Days: null,
      onTime: null,
      closedLate: null,
      openOverdue: null,
      onTimeRate: rate,
      secret: false,
      rateStatus,
    }) satisfies DelayRow;
  const rows = [
    row("12_mois_glissants", "12_mois_glissants", "neuhof", 120, 0.64),
    row("12_mois_glissants", "12_mois_glissants", "ensemble", 840, 0.71),
    row("12_mois_glissants", "12_mois_glissants", "meinau", 90, 0.8),
    row("2025", "annee", "neuhof", 100, 0.6),
    row("2025", "annee", "ensemble", 800, 0.7),
    row("2026-T1", "trimestre", "neuhof", 30, 0.5),
    row("2025-T4", "trimestre", "neuhof", 25, null, "non_atteint"),
    row("2025-T4", "trimestre", "ensemble", 200, 0.69),
    row("2026-03", "mois", "neuhof", 9, 0.4),
  ];
  test("summary: rolling 12 months then years; quarters oldest first; other districts and months left out", () => {
    const { summary, quarters } = districtVsCity(rows, "neuhof");
    expect(summary.map((c) => [c.period, c.district?.onTimeRate, c.city?.onTimeRate])).toEqual([
      ["12_mois_glissants", 0.64, 0.71],
      ["2025", 0.6, 0.7],
    ]);
    expect(quarters.map((c) => [c.period, c.district?.onTimeRate ?? null, c.city?.onTimeRate ?? null])).toEqual([
      ["2025-T4", null, 0.69],
      ["2026-T1", 0.5, null],
    ]);
  });
  test.each([
    [
      "neuhof",
      "Neuhof",
      `Sur 12 mois glissants, Neuhof a clos 64${NBSP}% de ses signalements dans les 15 jours (120 signalements reçus), contre 71${NBSP}% pour toute la ville.`,
    ],
    ["robertsau", "Robertsau", "Robertsau : aucun signalement sur 12 mois glissants."],
  ])("takeaway for %s", (code, label, expected) => {
    expect(comparisonTakeaway(districtVsCity(rows, code).summary, label)).toBe(expected);
  });
  test("an empty rate says why, never 'non diffusé' when it is not suppressed", () => {
    const pending = [row("12_mois_glissants", "12_mois_glissants", "gare", 3, null, "non_atteint"), rows[1] as DelayRow];
    expect(comparisonTakeaway(districtVsCity(pending, "gare").summary, "Gare")).toBe(
      `Gare, 12 mois glissants : taux dans les 15 jours pas encore atteint, contre 71${NBSP}% pour toute la ville.`,
    );
  });
});
