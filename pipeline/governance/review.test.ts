import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { IndicatorRegistry } from "../../schemas/published/config.ts";
import { publishedTable } from "../../schemas/published/tables.ts";
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
  // Current public release: every table approved but signalements_sensibles.
  const current: IndicatorRegistry = {
    ...approvedRegistry(),
    indicateurs: approvedRegistry().indicateurs.map((i) =>
      i.table === "signalements_sensibles" ? { ...i, decision: "pending" as const } : i,
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
  // Now: signalements_sensibles approved, travaux_en_cours not decided, carte_h3 decided on an older definition.
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
  expect(review.nouveaux).toEqual(["signalements_sensibles"]);
  // carte_h3 was decided on an older definition: back to pending, it would leave the public release.
  expect(review.retires).toEqual(["carte_h3", "travaux_en_cours"]);
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
    const keyCols = publishedTable(first?.table ?? "").primaryKey;
    const row = rows.find((r) => keyCols.map((k) => r[h.indexOf(k)]).join(" · ") === first?.cle);
    return Number(row?.[h.indexOf(first?.colonne ?? "")]);
  };
  expect([cell("public"), cell("preview")]).toEqual([first?.avant, first?.apres]);
  expect(first?.avant).not.toBe(first?.apres);
});

test("suppressed cells per table, and the Markdown says it in French", () => {
  // Only the tables under disclosure control are listed: the others are published whatever n.
  expect(review.masquees.map((m) => [m.table, m.avant === undefined])).toEqual([
    ["carte_h3", false],
    ["signalements_sensibles", true],
  ]);
  // The fixture's sensitive counts hide gare (4, below k), robertsau (dominated) and the city total (it would give robertsau back).
  expect(review.masquees[1]?.apres).toBe(3);
  const md = reviewMarkdown(review, "2026-05-02");
  expect(md).toContain("# Revue de la prochaine publication — 2026-05-02");
  expect(md).toContain("## Nouveaux indicateurs publiés\n\n- signalements_sensibles\n");
  expect(md).toContain("| signalements_sensibles | non publiée | 3 |");
  expect(md).toContain("`carte_h3` : empreinte bbbbbbbbbbbb → ");
});
