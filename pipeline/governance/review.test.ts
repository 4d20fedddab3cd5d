import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { IndicatorRegistry } from "../../schemas/published/config.ts";
import { syntheticTables } from "../publish/fixture.ts";
import { buildRelease } from "../publish/release.ts";
import { parseRfc4180 } from "../publish/rfc4180.ts";
import { loadReference } from "../reference.ts";
import { appendDecision, readDecisionLog, resolveStatuses } from "./decisions.ts";
import { indicatorRegistry } from "./registry.ts";
import { buildReview, type Review, reviewMarkdown } from "./review.ts";
import { approvedRegistry } from "./testing.ts";

const work = mkdtempSync(path.join(tmpdir(), "revue-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const base = { geo: { districts: loadReference().districts.features }, version: "1.0.0", key: "cle-de-test-synthetique-0123456789abcdef" };
let review: Review;

beforeAll(async () => {
  // Current public release: volumes, delais_par_service and travaux approved; delais_par_quartier not yet.
  const current: IndicatorRegistry = {
    ...approvedRegistry(),
    indicateurs: approvedRegistry().indicateurs.map((i) =>
      i.table === "delais_par_quartier" ? { ...i, decision: "pending" as const } : i,
    ),
  };
  await buildRelease({
    ...base,
    releasedAt: "2026-04-01",
    tables: syntheticTables(70, 7),
    outDir: path.join(work, "public"),
    preview: false,
    registry: current,
    freeze: false,
  });
  await buildRelease({
    ...base,
    releasedAt: "2026-05-01",
    tables: syntheticTables(70, 99),
    outDir: path.join(work, "preview"),
    preview: true,
    registry: approvedRegistry(),
    freeze: false,
  });
  // Now: delais_par_quartier approved, travaux_en_cours not decided, carte_h3 decided on an older definition.
  const log = path.join(work, "decisions.jsonl");
  const at = new Date("2026-04-20T10:00:00Z");
  for (const d of indicatorRegistry()) {
    if (d.id === "travaux_en_cours") continue;
    const empreinte = d.id === "carte_h3" ? "b".repeat(64) : d.fingerprint;
    appendDecision(log, { indicateur: d.id, decision: "approuve", par: "Maire", ref: "DEL-1", motif: null, empreinte }, at);
  }
  review = buildReview(path.join(work, "preview"), path.join(work, "public"), resolveStatuses(indicatorRegistry(), readDecisionLog(log)));
}, 60_000);

test("new, removed, pending and changed indicators", () => {
  expect(review.nouveaux).toEqual(["delais_par_quartier"]);
  expect(review.retires).toEqual(["travaux_en_cours"]);
  expect(review.enAttente.map((s) => s.definition.id)).toEqual(["carte_h3", "travaux_en_cours"]);
  expect(review.definitionsModifiees.map((s) => s.definition.id)).toEqual(["carte_h3"]);
});

test("the moves are real cells of both releases, largest first", () => {
  expect(review.mouvements).toHaveLength(10);
  const gaps = review.mouvements.map((m) => Math.abs(m.apres - m.avant));
  expect(gaps).toEqual([...gaps].sort((a, b) => b - a));
  const first = review.mouvements[0];
  const cell = (dir: string) => {
    const [header, ...rows] = parseRfc4180(readFileSync(path.join(work, dir, "data", `${first?.table}.csv`), "utf8"));
    const h = header ?? [];
    const keyCols =
      first?.table === "volumes_mensuels"
        ? ["mois", "canal", "groupe_categorie", "code_service", "code_quartier"]
        : ["type_periode", "periode", "code_service"];
    const row = rows.find((r) => keyCols.map((k) => r[h.indexOf(k)]).join(" · ") === first?.cle);
    return Number(row?.[h.indexOf(first?.colonne ?? "")]);
  };
  expect([cell("public"), cell("preview")]).toEqual([first?.avant, first?.apres]);
  expect(first?.avant).not.toBe(first?.apres);
});

test("suppressed cells per table, and the Markdown says it in French", () => {
  expect(review.masquees.map((m) => [m.table, m.avant === undefined])).toEqual([
    ["volumes_mensuels", false],
    ["delais_par_service", false],
    ["delais_par_quartier", true],
  ]);
  const md = reviewMarkdown(review, "2026-05-02");
  expect(md).toContain("# Revue de la prochaine publication — 2026-05-02");
  expect(md).toContain("## Nouveaux indicateurs publiés\n\n- delais_par_quartier\n");
  expect(md).toContain(`| delais_par_quartier | non publiée | ${review.masquees[2]?.apres} |`);
  expect(md).toContain("`carte_h3` : empreinte bbbbbbbbbbbb → ");
});
