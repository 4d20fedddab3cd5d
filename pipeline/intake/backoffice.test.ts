import { describe, expect, test } from "vitest";
import { backofficeRowSchema } from "../../schemas/channels/backoffice.ts";
import { fastBackofficeRow, normalizeBackofficeRow } from "./backoffice.ts";

const base: Record<string, unknown> = {
  Référence: "SIG-202603-000001",
  Origine: "web",
  "Réf. origine": "WEB-202603-000001",
  Événement: "Clôture",
  "Date événement": "05/03/2026 10:00:00",
  Service: "VOIRIE",
  Agent: "Agent Exemple",
  "Code résolution": "REPARE",
  "Date prévue": "",
  Commentaire: "  gardé tel quel  ",
};

const without = (key: string) => Object.fromEntries(Object.entries(base).filter(([k]) => k !== key));

/** Rows of every shape: valid, invalid and at the edges of each rule. */
const rows: [string, Record<string, unknown>][] = [
  ["a complete row", base],
  [
    "values to trim",
    { ...base, Référence: " SIG-2 ", Origine: " courriel ", Événement: " Création ", Service: " ", "Code résolution": " " },
  ],
  ["every origin label", { ...base, Origine: "téléphone" }],
  ["a complaint code", { ...base, Événement: "Réclamation", "Code résolution": "TROP_LENT" }],
  ["optional columns absent", without("Service")],
  ["code absent", without("Code résolution")],
  ["planned date absent", without("Date prévue")],
  ["comment absent", without("Commentaire")],
  ["an extra column", { ...base, Autre: "x" }],
  ["an empty reference", { ...base, Référence: "  " }],
  ["a 64-character reference", { ...base, Référence: "x".repeat(64) }],
  ["a 65-character reference", { ...base, Référence: "x".repeat(65) }],
  ["a 998-character origin ref", { ...base, "Réf. origine": "r".repeat(998) }],
  ["a 999-character origin ref", { ...base, "Réf. origine": "r".repeat(999) }],
  ["an empty origin ref", { ...base, "Réf. origine": "" }],
  ["an unknown origin", { ...base, Origine: "fax" }],
  ["an origin in the wrong case", { ...base, Origine: "Web" }],
  ["an unknown event", { ...base, Événement: "Annulation" }],
  ["an empty event date", { ...base, "Date événement": " " }],
  ["an unknown code", { ...base, "Code résolution": "AUTRE" }],
  ["a missing required column", without("Origine")],
  ["a non-string optional value", { ...base, Agent: 3 }],
  ["a null comment", { ...base, Commentaire: null }],
  ["a non-string required value", { ...base, Référence: 12 }],
];

describe("the fast path agrees with backofficeRowSchema", () => {
  test.each(rows)("%s", (_name, row) => {
    const parsed = backofficeRowSchema.safeParse(row);
    const fast = fastBackofficeRow(row);
    if (parsed.success) expect(fast).toEqual(parsed.data);
    else expect(fast).toBeNull();
  });

  test("a fast-path row is exactly what the schema returns, by hand", () => {
    expect(fastBackofficeRow({ ...base, Référence: " SIG-2 ", Service: undefined })).toEqual({
      Référence: "SIG-2",
      Origine: "web",
      "Réf. origine": "WEB-202603-000001",
      Événement: "Clôture",
      "Date événement": "05/03/2026 10:00:00",
      Service: "",
      Agent: "Agent Exemple",
      "Code résolution": "REPARE",
      "Date prévue": "",
      Commentaire: "  gardé tel quel  ",
    });
  });
});

describe("normalizeBackofficeRow gives the same outcome whichever path read the row", () => {
  const ctx = {
    serviceCodes: new Set(["VOIRIE"]),
    nowMs: Date.parse("2026-04-01T00:00:00Z"),
    receivedAt: () => null,
    creationKey: () => null,
  };
  /** The slow path on its own: the schema's output fed back in (the fast path then accepts it as is). */
  const viaSchema = (row: Record<string, unknown>) => {
    const parsed = backofficeRowSchema.safeParse(row);
    return parsed.success ? normalizeBackofficeRow(parsed.data as Record<string, string>, ctx) : null;
  };
  test.each(rows)("%s", (_name, row) => {
    const outcome = normalizeBackofficeRow(row as Record<string, string>, ctx);
    const slow = viaSchema(row);
    if (slow === null) expect(outcome.ok).toBe(false);
    else expect(outcome).toEqual(slow);
  });

  test("an invalid row is refused with the schema's field and message", () => {
    expect(normalizeBackofficeRow({ ...base, Origine: "fax" } as Record<string, string>, ctx)).toEqual({
      ok: false,
      field: "Origine",
      reason: "origine inconnue",
    });
  });
});
