import { describe, expect, test } from "vitest";
import { channelMix, contactsByType, contactsTakeaway, contactTypeLabel, mixTakeaway, parseContactRows, sumBy } from "./contacts.ts";
import { CHANNELS } from "./format.ts";

const NBSP = "\u00a0";
const r = (mois: string, canal: string, type_contact: string, nb: string) => ({ mois, canal, type_contact, nb_contacts: nb });

// Reports: web 30 + 40, app 20 + suppressed, telephone suppressed twice, courriel 10. Contacts of ensemble: emails 25, calls suppressed.
const rows = parseContactRows([
  r("2026-01", "web", "signalement", "30"),
  r("2026-02", "web", "signalement", "40"),
  r("2026-01", "app", "signalement", "20"),
  r("2026-02", "app", "signalement", ""),
  r("2026-01", "telephone", "signalement", ""),
  r("2026-02", "telephone", "signalement", ""),
  r("2026-01", "courriel", "signalement", "10"),
  r("2026-01", "ensemble", "courriel", "25"),
  r("2026-01", "ensemble", "appel", ""),
  r("2026-01", "ensemble", "intervention", "12"),
  r("2026-01", "telephone", "appel", "15"),
]);

describe("contacts_par_canal", () => {
  test("parses counts; suppressed is null", () => {
    expect(rows[3]).toEqual({ month: "2026-02", channel: "app", type: "signalement", count: null });
  });

  test.each([
    ["courriel", "Courriels traités"],
    ["appel", "Appels traités"],
    ["autre", "autre"],
  ])("contactTypeLabel(%s)", (code, label) => {
    expect(contactTypeLabel(code)).toBe(label);
  });

  test("channel mix over two months: published sums and suppressed cells apart", () => {
    expect(channelMix(rows, ["2026-01", "2026-02"], CHANNELS).map((s) => [s.label, s.published, s.suppressedCells])).toEqual([
      ["Web", 70, 0],
      ["Application", 20, 1],
      ["Téléphone", 0, 2],
      ["Courriel", 10, 0],
    ]);
    expect(channelMix(rows, ["2026-02"], CHANNELS).map((s) => s.published)).toEqual([40, 0, 0, 0]);
  });

  test("contacts of a channel by type; unknown keys are ignored", () => {
    expect(contactsByType(rows, ["2026-01"], "ensemble").map((s) => [s.key, s.published, s.suppressedCells])).toEqual([
      ["signalement", 0, 0],
      ["courriel", 25, 0],
      ["appel", 0, 1],
      ["intervention", 12, 0],
    ]);
    expect(
      sumBy(
        rows,
        (x) => x.channel,
        ["web"],
        (k) => k.toUpperCase(),
      ),
    ).toEqual([{ key: "web", label: "WEB", published: 70, suppressedCells: 0 }]);
  });

  const mix = channelMix(rows, ["2026-01", "2026-02"], CHANNELS);
  test.each([
    ["ensemble", `Le canal Web apporte 70${NBSP}% des 100 signalements publiés.`],
    ["courriel", `Le canal Courriel apporte 10${NBSP}% des 100 signalements publiés.`],
    ["app", `Le canal Application apporte 20${NBSP}% des 100 signalements publiés (hors mois non diffusés).`],
    ["telephone", "Le canal Téléphone : non diffusé (< 11) signalements par mois, sur 100 signalements publiés."],
  ])("mixTakeaway(%s)", (channel, expected) => {
    expect(mixTakeaway(mix, channel)).toBe(expected);
  });

  test("mixTakeaway with nothing published", () => {
    expect(mixTakeaway(channelMix(rows, ["2025-12"], CHANNELS))).toBe("Aucun signalement publié pour cette sélection.");
  });

  test.each([
    ["ensemble", "Les services ont traité 25 courriels et non diffusé (< 11) appels sur la sélection."],
    ["telephone", "Les services ont traité 0 courriels et 15 appels sur la sélection."],
  ])("contactsTakeaway(%s)", (channel, expected) => {
    expect(contactsTakeaway(contactsByType(rows, ["2026-01", "2026-02"], channel))).toBe(expected);
  });

  test("contactsTakeaway: a published sum with suppressed months", () => {
    const sums = [{ key: "courriel", label: "", published: 30, suppressedCells: 2 }];
    expect(contactsTakeaway(sums, 5)).toBe("Les services ont traité 30 + non diffusé (< 5) courriels et 0 appels sur la sélection.");
  });
});
