/**
 * Release benchmark: the whole chain (generate → ingest → run → release) on synthetic data at a
 * city's volume (70 reports a month) and at 2 000 a month, printing the time of each stage and, per
 * published table, the share of count and statistic cells that carry a value (and why the others are
 * empty, from the statut_… columns). Usage: tsx bench/release.ts [perMonth…]
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ingestDataset } from "../pipeline/commands/demo.ts";
import { runRelease } from "../pipeline/commands/release.ts";
import { writeDataset } from "../pipeline/generate/writer.ts";
import { parseRfc4180 } from "../pipeline/publish/rfc4180.ts";
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

/** A release CSV as records (column → text; empty = no value). */
function readCsv(file: string): Record<string, string>[] {
  const [header, ...rows] = parseRfc4180(readFileSync(file, "utf8"));
  return rows.map((r) => Object.fromEntries((header ?? []).map((h, i) => [h, r[i] ?? ""])));
}

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
  console.log("table                    lignes   comptes publiés   statistiques publiées   statistiques vides (motif)");
  const data = path.join(work, "exports", "preview", "data");
  for (const t of pub?.tables ?? []) {
    const rows = readCsv(path.join(data, `${t.table}.csv`));
    const columns = Object.keys(rows[0] ?? {});
    const counts = columns.filter((c) => /^(nb_.+|n|n_clos)$/.test(c));
    const stats = columns.filter((c) => /^(delai_.+|taux_.+)$/.test(c));
    const share = (cols: string[]) => {
      const cells = rows.length * cols.length;
      const filled = rows.reduce((n, r) => n + cols.filter((c) => r[c] !== "").length, 0);
      return cells === 0 ? "—" : `${((filled / cells) * 100).toFixed(1)} % de ${cells}`;
    };
    const reasons = new Map<string, number>();
    for (const r of rows)
      for (const c of columns.filter((x) => x.startsWith("statut_") && x !== "statut_publication"))
        if (r[c] !== "publie") reasons.set(r[c] ?? "", (reasons.get(r[c] ?? "") ?? 0) + 1);
    console.log(
      `${t.table.padEnd(22)} ${String(rows.length).padStart(7)}   ${share(counts).padStart(15)}   ${share(stats).padStart(21)}   ${[...reasons].map(([k, n]) => `${k} ${n}`).join(", ") || "—"}`,
    );
  }
  // Acceptance of the risk-based policy: every service and district has n, n_clos, median, p90 and
  // on-time rate for the rolling 12 months and each year.
  for (const [table, unit] of [
    ["delais_par_service", "code_service"],
    ["delais_par_quartier", "code_quartier"],
  ] as const) {
    const rows = readCsv(path.join(data, `${table}.csv`)).filter(
      (r) => r.type_periode === "12_mois_glissants" || r.type_periode === "annee",
    );
    const full = rows.filter((r) =>
      ["n", "n_clos", "delai_median_jours", "delai_p90_jours", "taux_dans_les_delais"].every((c) => r[c] !== ""),
    );
    const missing = rows.filter((r) => !full.includes(r)).map((r) => `${r[unit]} ${r.periode}`);
    console.log(
      `${table} (12 mois glissants et années) : ${full.length}/${rows.length} lignes complètes${missing.length > 0 ? ` ; incomplètes : ${missing.join(", ")}` : ""}`,
    );
  }
  rmSync(work, { recursive: true, force: true });
}
