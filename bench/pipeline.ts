/**
 * Benchmark of `signalements run`: builds a synthetic intake store of 1 M reports (≈ 5 M events)
 * with better-sqlite3 in a temporary folder, times a full run, then an incremental run after one more
 * day of data, and prints per-stage timings and peak RSS. Targets: full ≤ 60 s at 1 M (≤ 5 min and
 * ≤ 6 GB peak RSS at 10 M), incremental ≤ 5 s.
 * Usage: tsx bench/pipeline.ts [nombre_de_signalements]; BENCH_CACHE_DIR=<dossier> keeps the base store between runs;
 * BENCH_MEMORY_LIMIT=<taille> is passed to `run` as its DuckDB memory limit (else run's default).
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openStore } from "../pipeline/intake/db.ts";
import { loadReference } from "../pipeline/reference.ts";
import { formatSeconds, runPipeline } from "../pipeline/warehouse/run.ts";

const N_REPORTS = Number(process.argv[2] ?? 1_000_000);
const FULL_TARGET = N_REPORTS > 1_000_000 ? "cible ≤ 300 s à 10 M" : "cible ≤ 60 s";
const memoryLimit = process.env.BENCH_MEMORY_LIMIT;
const DAYS = 365;
const END = Date.parse("2026-04-01T00:00:00Z");
const START = END - DAYS * 86_400_000;

/** Deterministic pseudo-random numbers (mulberry32), so that every bench run builds the same store. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iso = (ms: number) => `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`;

function fill(file: string, from: number, to: number, count: number, firstId: number, seed: number): { reports: number; events: number } {
  const db = openStore(file);
  // Bench data only: one transaction whose pages are written once, to the file, not to the WAL and
  // again at checkpoint (better-sqlite3's defensive mode refuses journal_mode = OFF; MEMORY keeps the
  // rollback journal in memory, tiny for new pages), and a page cache large enough to hold the indexes
  // being filled. The rows written are the same.
  db.pragma("journal_mode = MEMORY");
  db.pragma("synchronous = OFF");
  db.pragma(`cache_size = ${-Math.min(2_000_000, Math.max(2_000, Math.round(count / 5)))}`);
  const rand = random(seed);
  const { taxonomy, services } = loadReference();
  const categories = taxonomy.categories;
  const serviceCodes = services.services.map((s) => s.code);
  const channels = ["web", "web", "app", "app", "app", "phone"];
  const insertReport = db.prepare(
    `insert into reports (channel, source_id, received_at, category_code, lat, lon, district_code, reporter_email)
     values (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertEvent = db.prepare(
    `insert into status_events (source, source_key, reference, origin_channel, origin_ref, event_type, occurred_at, service_code, planned_date)
     values ('backoffice', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertContact = db.prepare("insert into contacts (channel, source_id, kind, received_at) values (?, ?, ?, ?)");
  let events = 0;
  db.transaction(() => {
    for (let i = 0; i < count; i += 1) {
      const id = firstId + i;
      const channel = channels[Math.floor(rand() * channels.length)] as string;
      const category = categories[Math.floor(rand() * categories.length)];
      const received = from + rand() * (to - from);
      const located = channel !== "phone";
      const lat = located ? Math.round((48.54 + rand() * 0.07) * 1e5) / 1e5 : null;
      const lon = located ? Math.round((7.71 + rand() * 0.1) * 1e5) / 1e5 : null;
      insertReport.run(
        channel,
        String(id),
        iso(received),
        category?.code ?? "autre",
        lat,
        lon,
        located ? null : "strasbourg_centre",
        `r${Math.floor(rand() * 300_000)}@example.org`,
      );
      let t = received;
      // About 5 events per report on average: the reception, then the lifecycle (acknowledged,
      // routed, sometimes rerouted or escalated, scheduled, in progress, closed, feedback).
      const event = (type: string, service: string | null = null, planned: string | null = null) => {
        if (type !== "received") t += rand() * 3 * 86_400_000;
        if (t > to) return false;
        events += 1;
        insertEvent.run(`B${id}-${events}`, `BO${id}`, channel, String(id), type, iso(t), service, planned);
        return true;
      };
      event("received");
      if (rand() < 0.96 && event("acknowledged")) {
        const service =
          rand() < 0.9 ? (category?.default_service ?? "PROPRETE") : (serviceCodes[Math.floor(rand() * serviceCodes.length)] as string);
        if (rand() < 0.94 && event("routed", service)) {
          if (rand() < 0.08) event("rerouted", serviceCodes[Math.floor(rand() * serviceCodes.length)] as string);
          if (rand() < 0.03) event("escalated");
          if (rand() < 0.5) event("scheduled", null, iso(t + 5 * 86_400_000).slice(0, 10));
          if (rand() < 0.75) event("in_progress");
          if (rand() < 0.88 && event("closed")) {
            const r = rand();
            if (r < 0.05 && event("complaint")) {
              if (event("reopened") && rand() < 0.8) event("closed");
            } else if (r < 0.12) event("thanks");
          }
        }
      }
      if (channel === "phone") insertContact.run("phone", `C${id}`, "call_handled", iso(received));
      if (rand() < 0.05) insertContact.run("email", `<m${id}@example.org>`, "email_handled", iso(received));
    }
  })();
  db.close();
  return { reports: count, events };
}

/** Prints the slowest models of a run. */
function printModels(timings: Record<string, number>): void {
  const models = Object.entries(timings).filter(([name]) => name.includes(".") && !name.startsWith("extraction."));
  models.sort((a, b) => b[1] - a[1]);
  console.log(
    `  modèles les plus lents : ${models
      .slice(0, 6)
      .map(([name, ms]) => `${name} ${formatSeconds(ms)}`)
      .join(", ")}`,
  );
}

/** CPU time (user + system, every thread of the process) since `from`: less sensitive to a loaded machine than wall time. */
function cpuSeconds(from: NodeJS.CpuUsage): string {
  const used = process.cpuUsage(from);
  return formatSeconds((used.user + used.system) / 1000);
}

/** The load averages (1, 5, 15 min). */
function load(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
}

function rssMb(): string {
  return `${Math.round(process.resourceUsage().maxRSS / 1024)} Mo`;
}

/**
 * Builds the base store in a child process (so that its SQLite page cache does not count in this
 * process's peak RSS), or copies it from BENCH_CACHE_DIR when an earlier bench run left it there.
 */
function baseStore(store: string): string {
  const cache = process.env.BENCH_CACHE_DIR;
  const cached = cache ? path.join(cache, `intake-${N_REPORTS}.sqlite`) : null;
  if (cached && existsSync(cached)) {
    copyFileSync(cached, store);
    return `magasin synthétique repris de ${cached}`;
  }
  const started = performance.now();
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), String(N_REPORTS)], {
    env: { ...process.env, BENCH_FILL_ONLY: store },
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
  });
  if (child.status !== 0) throw new Error(`construction du magasin synthétique en échec (${child.status})`);
  const built = JSON.parse(child.stdout) as { reports: number; events: number };
  if (cache && cached) {
    mkdirSync(cache, { recursive: true });
    copyFileSync(store, cached);
  }
  return `magasin synthétique : ${built.reports} signalements, ${built.events} événements (${(built.events / built.reports).toFixed(2).replace(".", ",")} par signalement, ${formatSeconds(performance.now() - started)})`;
}

/**
 * A progress logger that adds, to each line ending a stage of the run (`[run] name … (x s)`), the CPU
 * seconds of the process since the previous stage ended, the RSS and the 1-minute load average.
 */
function stageLogger(): (line: string) => void {
  let from = process.cpuUsage();
  return (line) => {
    if (!/^\[run\] \S.*\(\d+,\d+ s\)$/.test(line)) {
      console.log(`  ${line}`);
      return;
    }
    const rss = Math.round(process.memoryUsage.rss() / 1024 / 1024);
    console.log(`  ${line} [CPU ${cpuSeconds(from)}, RSS ${rss} Mo, charge ${loadavg()[0]?.toFixed(2)}]`);
    from = process.cpuUsage();
  };
}

/** Prints the stage durations of a run on one line. */
function printStages(timings: Record<string, number>): void {
  const stages = Object.entries(timings).filter(([name]) => !name.includes("."));
  console.log(`  étapes : ${stages.map(([name, ms]) => `${name} ${formatSeconds(ms)}`).join(", ")}`);
}

const fillOnly = process.env.BENCH_FILL_ONLY;
if (fillOnly) {
  process.stdout.write(JSON.stringify(fill(fillOnly, START, END, N_REPORTS, 1, 42)));
  process.exit(0);
}

const keep = process.env.BENCH_KEEP_DIR;
const dir = keep ?? mkdtempSync(path.join(tmpdir(), "signalements-bench-"));
try {
  const store = path.join(dir, "intake.sqlite");
  const warehouse = path.join(dir, "warehouse.duckdb");
  rmSync(warehouse, { force: true });
  rmSync(`${warehouse}.wal`, { force: true });
  console.log(baseStore(store));
  console.log(
    `charge de la machine (1, 5, 15 min) : ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")} — ${cpus().length} cœurs`,
  );
  const rssBefore = rssMb();

  let cpu = process.cpuUsage();
  let started = performance.now();
  const fullRun = await runPipeline(
    { store, warehouse, snapshotAt: new Date(END), full: true, sla: "calendar", memoryLimit },
    stageLogger(),
  );
  const full = performance.now() - started;
  printStages(fullRun.timings);
  printModels(fullRun.timings);
  console.log(
    `exécution complète : ${formatSeconds(full)} (${FULL_TARGET}), temps CPU ${cpuSeconds(cpu)}, pic RSS ${rssMb()} (avant : ${rssBefore}), charge après : ${load()}`,
  );

  const perDay = Math.round(N_REPORTS / DAYS);
  const added = fill(store, END, END + 86_400_000, perDay, N_REPORTS + 1, 7);
  console.log(
    `charge de la machine (1, 5, 15 min) : ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  cpu = process.cpuUsage();
  started = performance.now();
  const incrementalRun = await runPipeline(
    { store, warehouse, snapshotAt: new Date(END + 86_400_000), full: false, sla: "calendar", memoryLimit },
    stageLogger(),
  );
  const incremental = performance.now() - started;
  printStages(incrementalRun.timings);
  printModels(incrementalRun.timings);
  console.log(
    `exécution incrémentale (+1 jour : ${added.reports} signalements, ${added.events} événements) : ${formatSeconds(incremental)} (cible ≤ 5 s), temps CPU ${cpuSeconds(cpu)}, pic RSS ${rssMb()}, charge après : ${load()}`,
  );
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
