/**
 * Benchmark of the whole chain on generator-made native files of every channel:
 * generate (cached under bench/out/<N>/) → ingest, one child process per channel → `run --full` →
 * +1 day of data (ingest, then incremental `run`) → `release`, and the DuckDB floor (bench/floor.sql,
 * the headline aggregates in one pass over core.reports) on the same warehouse, with the ratio
 * marts / floor. Each stage runs in its own process under GNU time: wall seconds, rows/s, CPU seconds
 * and peak RSS, with the load average before each stage.
 * Usage: tsx bench/chain.ts --reports N [--months 12] [--memory-limit 4GB] [--threads 2]
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cli = path.join(root, "bin", "signalements.mjs");

/** Value of `--name <value>` in argv, else the fallback. */
function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? (process.argv[at + 1] as string) : fallback;
}

const REPORTS = Number(option("reports", "1000000"));
const MONTHS = Number(option("months", "12"));
const PER_MONTH = Math.ceil(REPORTS / MONTHS);
/** The base data ends on the last day of a month; the extra day is the first of the next month. */
const END = "2026-02-28";
const NEXT_DAY = "2026-03-01";
const SNAPSHOT = "2026-03-01T00:00:00+01:00";
const NEXT_SNAPSHOT = "2026-03-02T00:00:00+01:00";
const SOURCES = ["web", "app", "phone", "email", "backoffice"] as const;

const out = path.join(root, "bench", "out", String(REPORTS));
const work = path.join(out, "work");
const store = path.join(work, "intake.sqlite");
const warehouse = path.join(work, "warehouse.duckdb");

/** What one child process cost. */
interface Measure {
  seconds: number;
  cpuSeconds: number;
  peakMb: number;
  stdout: string;
  stderr: string;
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

/** Runs `node <args>` under GNU time; throws with the child's stderr on failure. */
function measure(args: string[], env: NodeJS.ProcessEnv = {}): Measure {
  const started = process.hrtime.bigint();
  const child = spawnSync("/usr/bin/time", ["-f", "@@time %M %U %S", process.execPath, ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, ...env },
    maxBuffer: 256 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const lines = child.stderr.trimEnd().split("\n");
  const timeLine = lines.findLast((l) => l.startsWith("@@time ")) ?? "@@time 0 0 0";
  const [kb, user, sys] = timeLine.slice(7).split(" ").map(Number);
  const stderr = lines.filter((l) => !l.startsWith("@@time ")).join("\n");
  if (child.status !== 0) throw new Error(`échec (code ${child.status}) : node ${args.join(" ")}\n${stderr}\n${child.stdout}`);
  return { seconds, cpuSeconds: (user ?? 0) + (sys ?? 0), peakMb: (kb ?? 0) / 1024, stdout: child.stdout, stderr };
}

const fmt = (n: number) => Math.round(n).toLocaleString("fr-FR");
const rows: string[] = [];

/** Prints and keeps one result line (a Markdown table row). */
function report(stage: string, n: number, unit: string, m: Measure, before: string): void {
  const line = `| ${stage} | ${fmt(n)} ${unit} | ${m.seconds.toFixed(1)} | ${fmt(n / m.seconds)} | ${m.cpuSeconds.toFixed(1)} | ${fmt(m.peakMb)} | ${before} |`;
  rows.push(line);
  console.log(line);
}

interface Manifest {
  files: { source: string; file: string; rows: number }[];
}

/** Generates a dataset unless its manifest is already there (the generator is deterministic). */
function dataset(dir: string, seed: number, months: number, end: string): Manifest {
  const manifest = path.join(dir, "manifest.json");
  if (!existsSync(manifest)) {
    const before = load();
    const m = measure(
      [cli, "generate", "--seed", String(seed), "--months", String(months), "--per-month", String(PER_MONTH), "--end", end, "--out", dir],
      {},
    );
    const generated = JSON.parse(readFileSync(manifest, "utf8")) as Manifest;
    const n = generated.files.filter((f) => f.source !== "backoffice").reduce((s, f) => s + f.rows, 0);
    report(`génération ${path.basename(dir)}`, n, "enregistrements de canal", m, before);
  }
  return JSON.parse(readFileSync(manifest, "utf8")) as Manifest;
}

/** Ingests one dataset, one child process per channel; returns the rows ingested. */
function ingest(dir: string, manifest: Manifest, label: string, now: string): number {
  let total = 0;
  for (const source of SOURCES) {
    const files = manifest.files.filter((f) => f.source === source);
    if (files.length === 0) continue;
    const n = files.reduce((s, f) => s + f.rows, 0);
    const before = load();
    const m = measure([cli, "ingest", source, ...files.map((f) => path.join(dir, f.file)), "--store", store, "--now", now]);
    report(`ingestion ${label} ${source}`, n, "enregistrements", m, before);
    total += n;
  }
  return total;
}

/** Seconds of one `[run] <stage> … (x,yz s)` line of a run's log. */
function stageSeconds(log: string, stage: string): number {
  const match = log.match(new RegExp(`\\[run\\] ${stage}[^\\n]*\\((\\d+),(\\d+) s\\)`));
  return match ? Number(`${match[1]}.${match[2]}`) : Number.NaN;
}

/** Runs `run`; its rate counts the rows extracted (reports, events and contacts), as its log states them. */
function run(label: string, snapshot: string, full: boolean): Measure {
  const before = load();
  const m = measure([cli, "run", "--store", store, "--warehouse", warehouse, "--snapshot", snapshot, ...(full ? ["--full"] : [])]);
  const extracted = m.stderr.match(/extraction : (\d+) signalements, (\d+) événements, (\d+) contacts/);
  const n = extracted ? Number(extracted[1]) + Number(extracted[2]) + Number(extracted[3]) : Number.NaN;
  report(label, n, "lignes extraites", m, before);
  for (const line of m.stderr.split("\n").filter((l) => /\[run\] (extraction|périmètre|modèles|contrôles|enregistrement)/.test(l))) {
    console.log(`    ${line.trim()}`);
  }
  return m;
}

console.log(
  `Chaîne complète, ${fmt(REPORTS)} signalements sur ${MONTHS} mois — ${cpus().length} cœurs, ${Math.round(totalmem() / 2 ** 30)} Go de mémoire, ${process.version}`,
);
console.log("| étape | volume | s | lignes/s | CPU s | pic RSS (Mo) | charge avant (1, 5, 15 min) |");
console.log("|---|---|---|---|---|---|---|");
const base = dataset(path.join(out, "base"), 2026, MONTHS, END);
const day = dataset(path.join(out, "jour"), 2027, 1, NEXT_DAY);
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

const started = performance.now();
const ingested = ingest(path.join(out, "base"), base, "", "2026-03-01T00:00:00Z");
const reports = base.files.filter((f) => f.source !== "backoffice").reduce((s, f) => s + f.rows, 0);
const full = run("run --full", SNAPSHOT, true);
const key = "cle-de-banc-d-essai-0123456789abcdef0123456789";
let before = load();
const release = measure([cli, "release", "--warehouse", warehouse, "--out", path.join(work, "exports")], { SIGNALEMENTS_PSEUDO_KEY: key });
report("release", reports, "enregistrements de canal", release, before);
const chainSeconds = (performance.now() - started) / 1000;

before = load();
const floorRun = measure(["--import", "tsx", path.join(root, "bench", "floor.ts"), warehouse]);
const floor = JSON.parse(floorRun.stdout.trim()) as { ms: number; rows: number; reports: number };
const marts = stageSeconds(full.stderr, "modèles marts");

const dayRows = ingest(path.join(out, "jour"), day, "+1 jour", "2026-03-02T00:00:00Z");
const dayReports = day.files.filter((f) => f.source !== "backoffice").reduce((s, f) => s + f.rows, 0);
run("run +1 jour (incrémental)", NEXT_SNAPSHOT, false);

console.log(
  `\nChaîne des fichiers natifs à la publication : ${chainSeconds.toFixed(1)} s pour ${fmt(ingested)} enregistrements (cible ≤ 90 s à 1 M)`,
);
console.log(
  `Marts : ${marts.toFixed(2)} s ; plancher DuckDB (une passe, ${fmt(floor.rows)} lignes d'agrégats sur ${fmt(floor.reports)} signalements) : ${(floor.ms / 1000).toFixed(2)} s (charge avant : ${before}) ; rapport marts / plancher : ${(marts / (floor.ms / 1000)).toFixed(1)} (cible ≤ 2)`,
);
console.log(`Données du jour ajouté : ${fmt(dayRows)} enregistrements, dont ${fmt(dayReports)} signalements de canal`);
