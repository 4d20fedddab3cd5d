import { describe, expect, test } from "vitest";
import { phoneRowSchema } from "../../schemas/channels/phone.ts";
import { fastPhoneRow } from "./phone.ts";

const base: Record<string, unknown> = {
  "N° appel": "P-1",
  "Date appel": "03/02/2026",
  Heure: "09:15",
  Agent: "Agent Exemple",
  Motif: "Voirie",
  "Sous-motif": "Nid de poule",
  Adresse: "1 rue Exemple",
  "Code postal": "67000",
  Quartier: "Meinau",
  "Nom appelant": "Camille Exemple",
  "Téléphone appelant": "06 00 00 00 00",
  Commentaire: "  gardé tel quel  ",
  "Suite donnée": "Signalement créé",
};

const without = (key: string) => Object.fromEntries(Object.entries(base).filter(([k]) => k !== key));

describe("the fast path agrees with phoneRowSchema", () => {
  test.each([
    ["a complete row", base],
    ["values to trim", { ...base, "N° appel": "  P-2 ", Motif: " Voirie ", "Suite donnée": " Réorienté " }],
    ["optional columns absent", without("Agent")],
    ["comment absent", without("Commentaire")],
    ["an extra column", { ...base, Autre: "x" }],
    ["an empty id", { ...base, "N° appel": "   " }],
    ["a 64-character id", { ...base, "N° appel": "x".repeat(64) }],
    ["a 65-character id", { ...base, "N° appel": "x".repeat(65) }],
    ["an empty date", { ...base, "Date appel": "" }],
    ["an empty motif", { ...base, Motif: " " }],
    ["an unknown outcome", { ...base, "Suite donnée": "Autre" }],
    ["a missing required column", without("Heure")],
    ["a non-string optional value", { ...base, Quartier: 3 }],
    ["a null comment", { ...base, Commentaire: null }],
  ])("%s", (_name, row) => {
    const parsed = phoneRowSchema.safeParse(row);
    const fast = fastPhoneRow(row);
    if (parsed.success) expect(fast).toEqual(parsed.data);
    else expect(fast).toBeNull();
  });
});
