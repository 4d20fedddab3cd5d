import { spawnSync } from "node:child_process";
import { describe, expect, test } from "vitest";

const run = (...args: string[]) => spawnSync(process.execPath, ["bin/signalements.mjs", ...args], { encoding: "utf8" });

describe("the signalements command", () => {
  test("a missing required option is reported in French", () => {
    const result = run("generate", "--out", "x");
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("Erreur : option obligatoire manquante « --seed <n> »");
  });

  test("prints its help in French and exits 0", () => {
    const result = run("--help");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Utilisation : signalements");
    expect(result.stdout).toContain("afficher l'aide");
  });

  test("an unknown command exits 2 with a pointer to the help", () => {
    const result = run("publier-tout");
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("Erreur : commande inconnue « publier-tout »");
    expect(result.stderr).toContain("(ajoutez --help pour l'aide)");
  });
});
