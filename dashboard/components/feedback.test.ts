import { describe, expect, test } from "vitest";
import { feedbackRates, feedbackTakeaway, parseFeedbackRows } from "./feedback.ts";

const NBSP = "\u00a0";
const r = (
  code: string,
  label: string,
  closed: string,
  complaints: string,
  thanks: string,
  reopened: string,
  rates: [string, string, string],
) => ({
  type_periode: "mois",
  periode: "2026-03",
  code_service: code,
  service: label,
  nb_clos: closed,
  nb_reclamations: complaints,
  nb_remerciements: thanks,
  nb_reouvertures: reopened,
  taux_reclamation: rates[0],
  taux_remerciement: rates[1],
  taux_reouverture: rates[2],
});

// Voirie: 150 closed, 13 complaints (8,7 %), 30 thanks (20 %), 13 reopened. Éclairage: rates suppressed.
const rows = parseFeedbackRows([
  r("VOIRIE", "Voirie", "150", "13", "30", "13", ["0.0867", "0.2", "0.0867"]),
  r("ECLAIRAGE", "Éclairage", "40", "", "", "", ["", "", ""]),
  r("ensemble", "Ensemble", "200", "16", "36", "14", ["0.08", "0.18", "0.07"]),
]);

describe("retours_usagers", () => {
  test("parses counts and rates; suppressed is null", () => {
    expect(rows[0]).toEqual({
      periodKind: "mois",
      period: "2026-03",
      code: "VOIRIE",
      label: "Voirie",
      closed: 150,
      complaints: 13,
      thanks: 30,
      reopened: 13,
      complaintRate: 0.0867,
      thanksRate: 0.2,
      reopenRate: 0.0867,
    });
    expect(rows[1]).toMatchObject({ closed: 40, complaints: null, complaintRate: null });
  });

  test("three long rows per unit for charts, suppressed rates kept as null", () => {
    expect(feedbackRates(rows.slice(0, 2))).toEqual([
      { label: "Voirie", kind: "Réclamations", rate: 0.0867 },
      { label: "Voirie", kind: "Remerciements", rate: 0.2 },
      { label: "Voirie", kind: "Réouvertures", rate: 0.0867 },
      { label: "Éclairage", kind: "Réclamations", rate: null },
      { label: "Éclairage", kind: "Remerciements", rate: null },
      { label: "Éclairage", kind: "Réouvertures", rate: null },
    ]);
  });

  test.each([
    [
      "the ensemble row",
      rows,
      `Pour 100 signalements clos, 18 remerciements et 8 réclamations ; 7${NBSP}% des signalements clos ont été rouverts.`,
    ],
    [
      "a single service",
      [rows[0]],
      `Pour 100 signalements clos, 20 remerciements et 9 réclamations ; 9${NBSP}% des signalements clos ont été rouverts.`,
    ],
    ["suppressed rates", [rows[1]], "Taux non publiés pour cette sélection (moins de 11 signalements clos)."],
    ["no row", [], "Taux non publiés pour cette sélection (moins de 11 signalements clos)."],
  ])("feedbackTakeaway: %s", (_name, selected, expected) => {
    expect(feedbackTakeaway(selected as typeof rows)).toBe(expected);
  });
});
