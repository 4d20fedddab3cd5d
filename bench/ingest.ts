/**
 * Benchmark: writes synthetic phone CSVs (200 000 rows, then `rows`, default 1 M) in a temporary
 * folder, ingests each through the CLI as a child process, and prints records per second, the
 * child's CPU time and its peak RSS for both sizes, so flat memory shows as two close figures.
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
const SMALL = 200_000;

/** What one measured run gives. */
interface Run {
  rows: number;
  seconds: number;
  cpuSeconds: number;
  peakMb: number;
}

/** Writes a `n`-row file, ingests it into a fresh store, and measures the child process. */
async function measure(dir: string, n: number): Promise<Run> {
  const csv = path.join(dir, `appels-${n}.csv`);
  await writeSyntheticPhoneCsv(csv, n);
  const mb = statSync(csv).size / 1e6;
  const cli = path.join(root, "pipeline", "cli.ts");
  const store = path.join(dir, `intake-${n}.sqlite`);
  // GNU time reports the child's peak RSS (kB) and CPU seconds (user, system) on stderr's last line.
  const args = ["-f", "%M %U %S", process.execPath, "--import", "tsx", cli, "ingest", "phone", csv, "--store", store];
  const started = process.hrtime.bigint();
  const child = spawnSync("/usr/bin/time", [...args, "--now", "2026-04-01T00:00:00Z"], { cwd: root, encoding: "utf8" });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (child.status !== 0) throw new Error(`ingest a échoué (code ${child.status}) : ${child.stderr}`);
  const [kb, user, sys] = (child.stderr.trim().split("\n").at(-1) ?? "").split(" ").map(Number);
  const run = { rows: n, seconds, cpuSeconds: (user ?? 0) + (sys ?? 0), peakMb: (kb ?? 0) / 1024 };
  console.log(child.stdout.split("\n")[0]);
  console.log(`  fichier : ${n.toLocaleString("fr-FR")} lignes, ${mb.toFixed(0)} Mo`);
  console.log(
    `  durée de bout en bout : ${seconds.toFixed(1)} s → ${Math.round(n / seconds).toLocaleString("fr-FR")} enregistrements/s` +
      ` (temps CPU de l'enfant : ${run.cpuSeconds.toFixed(1)} s)`,
  );
  console.log(`  pic de mémoire (RSS) du processus enfant : ${run.peakMb.toFixed(0)} Mo`);
  rmSync(csv, { force: true });
  return run;
}

const dir = mkdtempSync(path.join(tmpdir(), "bench-ingest-"));
try {
  const small = await measure(dir, Math.min(SMALL, rows));
  const large = rows > SMALL ? await measure(dir, rows) : small;
  const label = (r: Run) => `${r.rows.toLocaleString("fr-FR")} lignes : ${r.peakMb.toFixed(0)} Mo`;
  console.log(`mémoire selon la taille du fichier : ${label(small)} · ${label(large)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
