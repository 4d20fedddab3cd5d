/**
 * Release benchmark: the whole chain (generate → ingest → run → release) on synthetic data at a
 * city's volume (70 reports a month) and at 2 000 a month, printing the time of each stage and the
 * share of suppressed cells per published table. Usage: tsx bench/release.ts [perMonth…]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ingestDataset } from "../pipeline/commands/demo.ts";
import { runRelease } from "../pipeline/commands/release.ts";
import { writeDataset } from "../pipeline/generate/writer.ts";
import { loadReference } from "../pipeline/reference.ts";
import { runPipeline } from "../pipeline/warehouse/run.ts";

const volumes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const perMonths = volumes.length > 0 ? volumes : [70, 2000];
const MONTHS = 12;
const END = "2026-10-31";
const snapshotAt = new Date("2026-11-01T08:00:00Z");
process.env.SIGNALEMENTS_PSEUDO_KEY ??= "cle-de-banc-d-essai-0123456789abcdef0123456789";
const quiet = () => {};

for (const perMonth of perMonths) {
  const work = mkdtempSync(path.join(tmpdir(), "signalements-bench-release-"));
  const raw = path.join(work, "raw");
  const store = path.join(work, "intake.sqlite");
  const warehouse = path.join(work, "warehouse.duckdb");
  const timings: string[] = [];
  const time = async (label: string, step: () => Promise<unknown>) => {
    const started = performance.now();
    await step();
    timings.push(`${label} ${((performance.now() - started) / 1000).toFixed(1)} s`);
  };
  await time("génération", () => writeDataset({ seed: 2026, months: MONTHS, perMonth, end: END, outDir: raw }, loadReference(), quiet));
  await time("ingestion", () => ingestDataset(raw, store, snapshotAt, quiet));
  await time("calcul", () => runPipeline({ store, warehouse, snapshotAt, full: true, sla: "calendar" }, quiet));
  let summaries: Awaited<ReturnType<typeof runRelease>> = [];
  await time("publication", async () => {
    summaries = await runRelease({ warehouse, out: path.join(work, "exports") }, quiet);
  });
  // The preview holds every table whatever the decisions (the public release only the approved ones).
  const pub = summaries.find((s) => s.statut === "apercu");
  console.log(`\n${perMonth} signalements par mois, ${MONTHS} mois — ${timings.join(", ")}`);
  console.log("table                   lignes  cellules  masquées  part");
  for (const t of pub?.tables ?? []) {
    const hidden = t.primaire + t.dominance + t.secondaire;
    console.log(
      `${t.table.padEnd(22)} ${String(t.lignes).padStart(7)} ${String(t.cellules).padStart(9)} ${String(hidden).padStart(9)}  ${(t.part_masquee * 100).toFixed(1)} %`,
    );
  }
  rmSync(work, { recursive: true, force: true });
}
