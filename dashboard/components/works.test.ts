import { describe, expect, test } from "vitest";
import { filterWorks, formatDate, parseWorks, stageLabel, worksByDistrictAndStage, worksTakeaway } from "./works.ts";

const r = (code_quartier: string, quartier: string, code_service: string, etape: string, date_reception: string, date_prevue: string) => ({
  code_service,
  service: code_service === "VOIRIE" ? "Voirie" : "Éclairage",
  code_quartier,
  quartier,
  categorie: "nid_de_poule",
  etape,
  date_reception,
  date_prevue,
});

const items = parseWorks([
  r("meinau", "Meinau", "VOIRIE", "programme", "2026-03-02", "2026-04-10"),
  r("meinau", "Meinau", "ECLAIRAGE", "oriente", "2026-03-01", ""),
  r("neudorf", "Neudorf", "VOIRIE", "en_cours", "2026-02-20", "2026-04-10"),
  r("neudorf", "Neudorf", "VOIRIE", "programme", "2026-03-05", "2026-04-02"),
]);

describe("travaux_en_cours", () => {
  test("ordered by planned date (unplanned last), then reception", () => {
    expect(items.map((w) => [w.districtLabel, w.plannedOn, w.receivedOn])).toEqual([
      ["Neudorf", "2026-04-02", "2026-03-05"],
      ["Neudorf", "2026-04-10", "2026-02-20"],
      ["Meinau", "2026-04-10", "2026-03-02"],
      ["Meinau", null, "2026-03-01"],
    ]);
  });

  test.each([
    ["meinau", "ensemble", 2],
    ["ensemble", "VOIRIE", 3],
    ["meinau", "VOIRIE", 1],
    ["ensemble", "ensemble", 4],
    ["robertsau", "ensemble", 0],
  ])("filterWorks(%s, %s) keeps %d items", (district, service, n) => {
    expect(filterWorks(items, district, service)).toHaveLength(n);
  });

  test("counts per district and stage, districts by French label", () => {
    expect(worksByDistrictAndStage(items)).toEqual([
      { district: "Meinau", stage: "Programmé", count: 1 },
      { district: "Meinau", stage: "Orienté vers le service", count: 1 },
      { district: "Neudorf", stage: "Programmé", count: 1 },
      { district: "Neudorf", stage: "Travaux en cours", count: 1 },
    ]);
  });

  test.each([
    ["recu", "Reçu"],
    ["en_cours", "Travaux en cours"],
    ["autre", "autre"],
  ])("stageLabel(%s)", (code, label) => {
    expect(stageLabel(code)).toBe(label);
  });

  test.each([
    ["2026-03-02", "2 mars 2026"],
    ["2026-12-31", "31 décembre 2026"],
    [null, "non programmée"],
  ])("formatDate(%j)", (date, text) => {
    expect(formatDate(date)).toBe(text);
  });

  test.each([
    [items, "4 signalements ouverts sur l'espace public, dont 3 avec une date d'intervention prévue."],
    [items.slice(3), "1 signalement ouvert sur l'espace public, dont 0 avec une date d'intervention prévue."],
    [[], "Aucun signalement ouvert sur l'espace public pour cette sélection."],
  ])("worksTakeaway", (selected, expected) => {
    expect(worksTakeaway(selected)).toBe(expected);
  });
});
