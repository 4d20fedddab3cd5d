/**
 * Benchmark of `ingest`, channel by channel, on native files written by the synthetic generator
 * (cached under bench/out/, generation being much slower than ingestion). Each channel's files are
 * ingested through the CLI as a child process into a fresh store (channel records before back-office
 * events, as the demo does); prints records per second, the child's CPU time and peak RSS, and the
 * load average, since the machine may be shared.
 * Usage: tsx bench/ingest.ts [reports per month, default 20000] [months, default 10]
 *   [--dir <folder of generated files with its manifest.json, reused as is>] [--only <channel>]
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { writeDataset } from "../pipeline/generate/writer.ts";
import { loadReference } from "../pipeline/reference.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
/** Value of `--name <value>`, if given. */
const option = (name: string): string | undefined => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const positional = args.filter((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--"));
const perMonth = Number(positional[0] ?? 20_000);
const months = Number(positional[1] ?? 10);
const END = "2026-03-31";
const NOW = "2026-04-01T00:00:00Z";
const SOURCES = ["web", "app", "phone", "email", "backoffice"] as const;
const only = option("only");
if (only !== undefined && !(SOURCES as readonly string[]).includes(only))
  throw new Error(`--only : canal inconnu « ${only} » (attendu : ${SOURCES.join(", ")})`);

// A given folder (e.g. bench/out/<N> of bench/chain.ts) is reused as it is, never regenerated.
const given = option("dir");
const dataDir = given !== undefined ? path.resolve(given) : path.join(root, "bench", "out", `ingest-${months}x${perMonth}`);
const manifestFile = path.join(dataDir, "manifest.json");
if (given !== undefined && !existsSync(manifestFile)) throw new Error(`--dir : pas de manifest.json dans ${dataDir}`);
if (!existsSync(manifestFile)) {
  console.log(`génération des fichiers natifs (${months} mois × ${perMonth.toLocaleString("fr-FR")} signalements)…`);
  const started = performance.now();
  await writeDataset({ seed: 42, months, perMonth, end: END, outDir: dataDir }, loadReference());
  console.log(`  faite en ${((performance.now() - started) / 1000).toFixed(0)} s (gardée dans ${path.relative(root, dataDir)})`);
}
const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as { files: { source: string; file: string; rows: number }[] };

const storeDir = path.join(root, "bench", "out", "ingest-store");
rmSync(storeDir, { recursive: true, force: true });
mkdirSync(storeDir, { recursive: true });
const store = path.join(storeDir, "intake.sqlite");
const cli = path.join(root, "pipeline", "cli.ts");
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

console.log("canal       enregistrements  Mo     durée (s)  enr./s     CPU (s)  pic RSS (Mo)  charge (1, 5, 15 min)");
for (const source of SOURCES) {
  if (only !== undefined && source !== only) {
    // Back-office events look up their origin records: with `--only backoffice` the channels are loaded
    // first, unmeasured, so the measured run sees the same store as in a full run.
    if (only === "backoffice") {
      const files = manifest.files.filter((f) => f.source === source).map((f) => path.join(dataDir, f.file));
      const prep = ["--import", "tsx", cli, "ingest", source, ...files, "--store", store, "--now", NOW];
      if (spawnSync(process.execPath, prep, { cwd: root, encoding: "utf8" }).status !== 0) throw new Error(`ingest ${source} a échoué`);
      console.log(`${source.padEnd(11)} (chargé sans mesure)`);
    }
    continue;
  }
  const files = manifest.files.filter((f) => f.source === source).map((f) => path.join(dataDir, f.file));
  if (files.length === 0) continue;
  const mb = files.reduce((sum, f) => sum + statSync(f).size, 0) / 1e6;
  // GNU time prints the child's peak RSS (kB) and CPU seconds (user, system) on stderr's last line.
  const args = ["-f", "%M %U %S", process.execPath, "--import", "tsx", cli, "ingest", source, ...files, "--store", store, "--now", NOW];
  const before = load();
  const started = process.hrtime.bigint();
  const child = spawnSync("/usr/bin/time", args, { cwd: root, encoding: "utf8" });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (child.status !== 0) throw new Error(`ingest ${source} a échoué (code ${child.status})`);
  const [kb, user, sys] = (child.stderr.trim().split("\n").at(-1) ?? "").split(" ").map(Number);
  // Records read, from the summary lines ("<file> : N lus, …").
  const read = [...child.stdout.matchAll(/ : ([\d ]+) lus/g)].reduce((sum, m) => sum + Number((m[1] ?? "0").replace(/ /g, "")), 0);
  const rejected = [...child.stdout.matchAll(/, ([\d ]+) rejetés/g)].reduce((sum, m) => sum + Number((m[1] ?? "0").replace(/ /g, "")), 0);
  console.log(
    `${source.padEnd(11)} ${read.toLocaleString("fr-FR").padStart(15)}  ${mb.toFixed(0).padStart(5)}  ${seconds.toFixed(1).padStart(9)}  ` +
      `${Math.round(read / seconds)
        .toLocaleString("fr-FR")
        .padStart(
          9,
        )}  ${((user ?? 0) + (sys ?? 0)).toFixed(1).padStart(7)}  ${((kb ?? 0) / 1024).toFixed(0).padStart(12)}  ${before} → ${load()}` +
      (rejected > 0 ? `  (${rejected.toLocaleString("fr-FR")} rejetés)` : ""),
  );
}
