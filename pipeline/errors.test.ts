import { describe, expect, test } from "vitest";
import { z } from "zod";
import { CliError, EXIT, parseOptions, reportError } from "./errors.ts";

const capture = (error: unknown) => {
  const lines: string[] = [];
  const code = reportError(error, (l) => lines.push(l));
  return { code, lines };
};

describe("the one error handler", () => {
  test("a CliError prints its message and hint and returns its exit code", () => {
    expect(capture(new CliError("fichier introuvable : appels.csv", EXIT.data, "Vérifiez le chemin."))).toEqual({
      code: 3,
      lines: ["Erreur : fichier introuvable : appels.csv", "→ Vérifiez le chemin."],
    });
  });

  test("invalid options become a usage error naming each option, without the offending value", () => {
    const schema = z.object({ perMonth: z.coerce.number().int("nombre entier attendu").min(1, "au moins 1") });
    let thrown: unknown;
    try {
      parseOptions(schema, { perMonth: "0.5-secret" });
    } catch (error) {
      thrown = error;
    }
    const { code, lines } = capture(thrown);
    expect(code).toBe(EXIT.usage);
    expect(lines[0]).toBe("Erreur : Options invalides :\n  - --per-month : Entrée invalide : nombre attendu, NaN reçu");
    expect(lines.join("\n")).not.toContain("secret");
  });

  test("an unexpected error says so and returns 1", () => {
    expect(capture(new Error("boom"))).toEqual({ code: 1, lines: ["Erreur inattendue : boom"] });
  });
});
