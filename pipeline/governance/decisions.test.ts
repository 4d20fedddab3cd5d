import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { buildProgram } from "../cli.ts";
import { runDecide, runList, runShow } from "../commands/publication.ts";
import { CliError } from "../errors.ts";
import {
  appendDecision,
  entryHash,
  GENESIS,
  parseDecisionLog,
  readDecisionLog,
  resolveStatuses,
  toPublicationRegistry,
} from "./decisions.ts";
import { indicatorRegistry, sha256Hex, sqlReader } from "./registry.ts";

const work = mkdtempSync(path.join(tmpdir(), "decisions-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const NOW = new Date("2026-05-04T09:30:00.000Z");
const FP = "a".repeat(64);
const quiet = () => {};

describe("the decision log", () => {
  test("entries are chained: the first on the genesis hash, each next on the previous hash", () => {
    const file = path.join(work, "chain.jsonl");
    const first = appendDecision(
      file,
      { indicateur: "carte_h3", decision: "approuve", par: " Maire ", ref: "DEL-1", motif: null, empreinte: FP },
      NOW,
    );
    const second = appendDecision(
      file,
      { indicateur: "carte_h3", decision: "retenu", par: "Maire", ref: "DEL-2", motif: "revoir", empreinte: FP },
      NOW,
    );
    expect(first.precedent).toBe(GENESIS);
    expect(first.par).toBe("Maire");
    expect(first.horodatage).toBe("2026-05-04T09:30:00.000Z");
    expect(second.precedent).toBe(first.hash);
    const { hash, ...body } = second;
    expect(hash).toBe(entryHash(body));
    expect(readDecisionLog(file)).toEqual([first, second]);
    expect(readFileSync(file, "utf8").split("\n").length).toBe(3);
  });

  test.each([
    [
      "a changed field",
      (lines: string[]) => [lines[0]?.replace("DEL-1", "DEL-9"), lines[1]],
      "ligne 1 : contenu modifié après enregistrement",
    ],
    ["a deleted first entry", (lines: string[]) => [lines[1]], "ligne 1 : chaînage rompu"],
    ["swapped entries", (lines: string[]) => [lines[1], lines[0]], "ligne 1 : chaînage rompu"],
    ["a garbled line", (lines: string[]) => [lines[0], "{oops"], "ligne 2 : ligne illisible"],
  ])("tampering is detected: %s", (_label, edit, message) => {
    const file = path.join(work, "chain.jsonl");
    const lines = readFileSync(file, "utf8").trimEnd().split("\n");
    const edited = `${edit(lines).join("\n")}\n`;
    expect(() => parseDecisionLog(edited)).toThrow(message);
    const copy = path.join(work, `tampered-${Math.random()}.jsonl`);
    writeFileSync(copy, edited);
    expect(() =>
      appendDecision(copy, { indicateur: "carte_h3", decision: "approuve", par: "x", ref: "y", motif: null, empreinte: FP }, NOW),
    ).toThrow(CliError);
    expect(readFileSync(copy, "utf8")).toBe(edited);
  });

  test("a decision counts only for the fingerprint it was taken on", () => {
    const defs = indicatorRegistry().slice(0, 3);
    const [a, b, c] = defs as [(typeof defs)[0], (typeof defs)[0], (typeof defs)[0]];
    const file = path.join(work, "status.jsonl");
    appendDecision(
      file,
      { indicateur: a.id, decision: "approuve", par: "Maire", ref: "DEL-1", motif: null, empreinte: a.fingerprint },
      NOW,
    );
    appendDecision(
      file,
      { indicateur: b.id, decision: "retenu", par: "Maire", ref: "DEL-2", motif: "trop fin", empreinte: b.fingerprint },
      NOW,
    );
    appendDecision(file, { indicateur: c.id, decision: "approuve", par: "Maire", ref: "DEL-3", motif: null, empreinte: FP }, NOW);
    const statuses = resolveStatuses(defs, readDecisionLog(file));
    expect(statuses.map((s) => [s.definition.id, s.statut, s.definitionModifiee])).toEqual([
      [a.id, "approved", false],
      [b.id, "withheld", false],
      [c.id, "pending", true],
    ]);
    expect(
      toPublicationRegistry(statuses).indicateurs.map((i) => [i.table, i.decision, i.decide_par, i.decide_le, i.deliberation]),
    ).toEqual([
      [a.id, "approved", "Maire", "2026-05-04", "DEL-1"],
      [b.id, "withheld", "Maire", "2026-05-04", "DEL-2"],
      [c.id, "pending", null, null, null],
    ]);
  });
});

describe("the registry", () => {
  test("every published table is registered with its publish SQL and the models it reads", () => {
    const registry = indicatorRegistry();
    expect(registry.map((d) => d.id)).toEqual([
      "volumes_mensuels",
      "delais_par_service",
      "delais_par_quartier",
      "stock_en_cours",
      "retours_usagers",
      "contacts_par_canal",
      "usage_categories",
      "carte_h3",
      "signalements_sensibles",
      "travaux_en_cours",
    ]);
    const service = registry.find((d) => d.id === "delais_par_service");
    expect(service?.sql.map((s) => s.path)).toEqual(
      expect.arrayContaining([
        "publish/delais_par_service.sql",
        "marts/delais_par_service.sql",
        "marts/int_delais.sql",
        "core/reports.sql",
      ]),
    );
    for (const d of registry) expect(d.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  test("changing the text of a model read by a table changes its fingerprint, and only of the tables that read it", () => {
    const read = sqlReader();
    const before = indicatorRegistry(read);
    const changed = indicatorRegistry((rel) => (rel === "marts/int_delais.sql" ? `${read(rel)}\n-- seuil revu` : read(rel)));
    const moved = before.filter((d, i) => d.fingerprint !== changed[i]?.fingerprint).map((d) => d.id);
    expect(moved).toEqual(["delais_par_service", "delais_par_quartier"]);
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });
});

describe("the publication command", () => {
  const file = path.join(work, "cli.jsonl");

  test("approve records who, reference, reason and the current fingerprint; list and show report it", () => {
    const def = indicatorRegistry().find((d) => d.id === "retours_usagers");
    const entry = runDecide(
      "approuve",
      { id: "retours_usagers", decisions: file, par: "Jeanne Martin, adjointe", ref: "DEL-2026-031" },
      NOW,
      quiet,
    );
    expect(entry).toMatchObject({
      indicateur: "retours_usagers",
      decision: "approuve",
      par: "Jeanne Martin, adjointe",
      ref: "DEL-2026-031",
      motif: null,
      empreinte: def?.fingerprint,
    });
    const lines: string[] = [];
    runList({ decisions: file }, (l) => lines.push(l));
    expect(lines[0]).toBe("10 indicateurs au registre :");
    expect(lines.find((l) => l.includes("retours_usagers"))).toBe(`  retours_usagers        ${def?.fingerprint.slice(0, 12)}  approuvé`);
    expect(lines.at(-1)).toBe("9 en attente : « signalements publication show <indicateur> » puis approve ou withhold.");
    const shown: string[] = [];
    runShow({ id: "retours_usagers", decisions: file }, (l) => shown.push(l));
    expect(shown).toContain("    - approuvé le 2026-05-04T09:30:00.000Z par Jeanne Martin, adjointe (DEL-2026-031) [définition actuelle]");
  });

  test.each([
    [{ id: "inconnu", par: "Maire", ref: "DEL-1" }, "indicateur inconnu : inconnu"],
    [{ id: "carte_h3", ref: "DEL-1" }, "--par : qui décide est obligatoire"],
    [{ id: "carte_h3", par: "Maire" }, "--ref : la référence de la décision est obligatoire"],
    [{ id: "carte_h3", par: "  ", ref: "DEL-1" }, "--par ne peut pas être vide"],
  ])("a decision %o is refused and nothing is written", (options, message) => {
    const before = readFileSync(file, "utf8");
    expect(() => runDecide("approuve", { ...options, decisions: file }, NOW, quiet)).toThrow(message);
    expect(readFileSync(file, "utf8")).toBe(before);
  });

  test("the CLI offers no way to edit or delete a decision", () => {
    const publication = buildProgram().commands.find((c) => c.name() === "publication");
    expect(publication?.commands.map((c) => c.name()).sort()).toEqual(["approve", "list", "revue", "show", "withhold"]);
  });
});
