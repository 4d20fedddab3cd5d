/**
 * Benchmark: writes a synthetic 1 M-row phone CSV in a temporary folder, ingests it through the CLI
 * as a child process, and prints records per second and the child's peak RSS.
 * Usage: tsx bench/ingest.ts [rows]
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { writeSyntheticPhoneCsv } from "../pipeline/intake/syntheticPhone.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const rows = Number(process.argv[2] ?? 1_000_000);
const dir = mkdtempSync(path.join(tmpdir(), "bench-ingest-"));
try {
  const csv = path.join(dir, "appels.csv");
  await writeSyntheticPhoneCsv(csv, rows);
  const mb = statSync(csv).size / 1e6;
  // GNU time reports the child's peak RSS (kB) on stderr's last line.
  const started = process.hrtime.bigint();
  const child = spawnSync(
    "/usr/bin/time",
    [
      "-f",
      "%M",
      process.execPath,
      "--import",
      "tsx",
      path.join(root, "pipeline", "cli.ts"),
      "ingest",
      "phone",
      csv,
      "--store",
      path.join(dir, "intake.sqlite"),
      "--now",
      "2026-04-01T00:00:00Z",
    ],
    { cwd: root, encoding: "utf8" },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (child.status !== 0) throw new Error(`ingest a échoué (code ${child.status}) : ${child.stderr}`);
  const peakMb = Number(child.stderr.trim().split("\n").at(-1)) / 1024;
  console.log(child.stdout.split("\n")[0]);
  console.log(`fichier : ${rows.toLocaleString("fr-FR")} lignes, ${mb.toFixed(0)} Mo`);
  console.log(`durée de bout en bout : ${seconds.toFixed(1)} s → ${Math.round(rows / seconds).toLocaleString("fr-FR")} enregistrements/s`);
  console.log(`pic de mémoire (RSS) du processus enfant : ${peakMb.toFixed(0)} Mo`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
