/**
 * `signalements demo [--serve]`: the whole chain on synthetic data — generate (if absent), ingest,
 * run, release, build the dashboard — and optionally serve it with the intake service (Open311, agent
 * API, resident follow-up). `npm start` and `npm run demo` call it.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { parisDate } from "../core/time.ts";
import { buildDashboard, DEFAULT_PREVIEW_DIST_DIR } from "../dashboard/build.ts";
import { parseOptions } from "../errors.ts";
import { writeDataset } from "../generate/writer.ts";
import { demoDecisionsFile, recordDemoDecisions } from "../governance/demoDecisions.ts";
import { loadReference, PROJECT_ROOT } from "../reference.ts";
import { runPipeline } from "../warehouse/run.ts";
import { runIngest } from "./ingest.ts";
import { runRelease } from "./release.ts";
import { runServe } from "./serve.ts";

const optionsSchema = z.object({
  serve: z.boolean().default(false),
  port: z.coerce.number().int().min(1).max(65_535).default(3000),
  seed: z.coerce.number().int().min(0).default(42),
  months: z.coerce.number().int().min(1).max(120).default(24),
  perMonth: z.coerce.number().int().min(1).max(100_000).default(70),
  data: z.string().min(1).default(path.join(PROJECT_ROOT, "data")),
  exports: z.string().min(1).default(path.join(PROJECT_ROOT, "exports")),
});

/** Order of ingestion: channel records first, then the back-office events that reference them. */
const SOURCE_ORDER = ["web", "app", "phone", "email", "backoffice"] as const;

/** The pseudonymisation key: from the environment, else a local demo key created once in an ignored file. */
export function demoKey(dataDir: string): { key: string; origin: "environnement" | "fichier local" } {
  const fromEnv = process.env.SIGNALEMENTS_PSEUDO_KEY;
  if (fromEnv) return { key: fromEnv, origin: "environnement" };
  const file = path.join(dataDir, "runtime", "demo.key");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString("hex")}\n`, { mode: 0o600 });
  }
  return { key: readFileSync(file, "utf8").trim(), origin: "fichier local" };
}

/** Ingests every file of a generated dataset (listed in its manifest.json), channel records before back-office events. */
export async function ingestDataset(rawDir: string, store: string, now: Date, say: (line: string) => void): Promise<void> {
  const manifest = JSON.parse(readFileSync(path.join(rawDir, "manifest.json"), "utf8")) as { files: { source: string; file: string }[] };
  for (const source of SOURCE_ORDER) {
    const paths = manifest.files.filter((f) => f.source === source).map((f) => path.join(rawDir, f.file));
    if (paths.length > 0) await runIngest({ source, paths, store, dryRun: false, now: now.toISOString() }, say);
  }
}

/** The day before `now` in Europe/Paris: generated data ends there, so nothing lies in the future. */
export function yesterday(now: Date): string {
  return parisDate(now.getTime() - 24 * 3600 * 1000);
}

/** Runs the demo chain; returns the folder of the built dashboard. */
export async function runDemo(raw: unknown, say: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<string> {
  const o = parseOptions(optionsSchema, raw);
  const now = new Date();
  const rawDir = path.join(o.data, "raw", "demo");
  const manifestFile = path.join(rawDir, "manifest.json");
  const { key, origin } = demoKey(o.data);
  process.env.SIGNALEMENTS_PSEUDO_KEY = key;
  say(`Clé de pseudonymisation : ${origin} (jamais affichée)`);

  if (!existsSync(manifestFile)) {
    say(`1/5 Génération des données de démonstration (graine ${o.seed}, ${o.months} mois, ${o.perMonth} par mois)…`);
    await writeDataset(
      { seed: o.seed, months: o.months, perMonth: o.perMonth, end: yesterday(now), outDir: rawDir },
      loadReference(),
      () => {},
    );
  } else {
    say("1/5 Données de démonstration déjà présentes : data/raw/demo");
  }
  const store = path.join(o.data, "intake.sqlite");
  say("2/5 Ingestion dans le magasin de collecte…");
  await ingestDataset(rawDir, store, now, say);
  say("3/5 Calcul des indicateurs dans l'entrepôt…");
  const warehouse = path.join(o.data, "warehouse.duckdb");
  await runPipeline({ store, warehouse, snapshotAt: now, full: false, sla: "calendar" }, say);
  say("4/5 Publication des données ouvertes…");
  const decisions = demoDecisionsFile(o.data);
  const decided = recordDemoDecisions(decisions, now);
  say(`Décisions de démonstration (fictives) : ${decided} enregistrée(s) dans ${path.relative(process.cwd(), decisions)}`);
  await runRelease({ warehouse, out: o.exports, decisions }, say);
  say("5/5 Construction du tableau de bord…");
  const built = await buildDashboard({ releaseDir: path.join(o.exports, "public"), log: say });
  say(`Tableau de bord public (indicateurs approuvés seulement) construit dans ${path.relative(process.cwd(), built.outputDir) || "."}`);
  const preview = await buildDashboard({ releaseDir: path.join(o.exports, "preview"), outputDir: DEFAULT_PREVIEW_DIST_DIR, preview: true });
  const previewDir = path.relative(process.cwd(), preview.outputDir);
  say(`Aperçu pour les élus (tous les indicateurs, marqué « Projet — non publié ») construit dans ${previewDir}`);
  say(
    o.serve
      ? `  pour l'ouvrir : http://localhost:${o.port}/apercu/ (servi avec le tableau de bord public)`
      : `  pour l'ouvrir : signalements dashboard serve --dossier ${previewDir} (ou demo --serve, sous /apercu/)`,
  );
  say(`  décisions : signalements publication list --decisions ${path.relative(process.cwd(), decisions)}`);
  if (o.serve) {
    // One process: the intake service also serves the dashboard at `/` and the preview, if built, at `/apercu/`.
    await runServe({ store, port: o.port, dist: built.outputDir, preview: preview.outputDir }, say);
  }
  return built.outputDir;
}
