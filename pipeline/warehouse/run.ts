/**
 * The pipeline run: extract the intake store into the warehouse by watermark, load the reference
 * tables, build staging → core → marts and run the data checks, all for one snapshot time.
 * Models and checks run in one transaction: a failed check leaves the previous build in place.
 * core.reports, core.report_milestones and staging.stg_event_quarantine are incremental (only the
 * reports touched since the last build are recomputed: core/report_scope.sql, built first); everything
 * depending on the snapshot is rebuilt.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { createLocator } from "../core/districts.ts";
import { parisDate } from "../core/time.ts";
import { CliError, EXIT } from "../errors.ts";
import { openStore } from "../intake/db.ts";
import { loadReference, type ReferenceData } from "../reference.ts";
import { STAGES } from "../sql/models.ts";
import { openWarehouse, type Warehouse, type WarehouseSettings } from "./duckdb.ts";
import { type ExtractCounts, extractStore } from "./extract.ts";
import { buildModels, readSql, runChecks } from "./models.ts";
import { loadReferenceTables } from "./reference.ts";
import { addDays, type SlaMode } from "./sla.ts";

/** What a run needs; the snapshot is explicit so that a run is reproducible. */
export interface RunOptions {
  store: string;
  warehouse: string;
  snapshotAt: Date;
  full: boolean;
  sla: SlaMode;
  /** Most memory DuckDB may hold during the run, in DuckDB's syntax (e.g. "4GB"); DEFAULT_MEMORY_LIMIT when absent. */
  memoryLimit?: string;
}

/**
 * DuckDB's memory limit when the run names none. DuckDB's own default, 80 % of the RAM, let a 10 M
 * report run hold many gigabytes; beyond this limit the large joins and sorts spill to disk instead.
 */
export const DEFAULT_MEMORY_LIMIT = "4GB";

/**
 * The DuckDB settings of a run: the memory limit, spilling next to the warehouse file, and no
 * insertion order to keep (every model and published query orders its own rows), which lets large
 * inserts and table builds stream with less memory.
 */
export function runWarehouseSettings(options: Pick<RunOptions, "warehouse" | "memoryLimit">): WarehouseSettings {
  return {
    memory_limit: options.memoryLimit ?? DEFAULT_MEMORY_LIMIT,
    temp_directory: options.warehouse === ":memory:" ? undefined : `${options.warehouse}.tmp`,
    preserve_insertion_order: false,
  };
}

/** What a run did: rows extracted, whether models were rebuilt, and per-stage durations (ms). */
export interface RunSummary {
  extracted: ExtractCounts;
  rebuilt: boolean;
  timings: Record<string, number>;
}

/** Formats milliseconds as French seconds, e.g. `1,25 s`. */
export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(2).replace(".", ",")} s`;
}

async function resetExtraction(warehouse: Warehouse): Promise<void> {
  for (const table of ["raw.reports", "raw.status_events", "raw.contacts", "private.report_locations", "private.report_reporters"]) {
    await warehouse.run(`drop table if exists ${table}`);
  }
  await warehouse.run("delete from meta.watermarks");
  await warehouse.run("delete from meta.core_state");
  await warehouse.run("delete from meta.month_counts");
  await warehouse.run(readSql("warehouse.sql"));
}

/**
 * Version of the warehouse layout this code builds. Raise it whenever a raw table changes, a model
 * changes kind (table ↔ view) or what an incremental model keeps changes (3: sensitive categories left out
 * of the delay models; 4: staging.stg_event_quarantine a table): a warehouse of another version is then rebuilt in full.
 */
export const LAYOUT_VERSION = 4;

/** Schemas holding only what the models derive: dropped whole when the layout changes. */
const DERIVED_SCHEMAS = ["staging", "core", "marts"] as const;

/**
 * True when the warehouse holds data written under another layout version (or before versions were
 * recorded); false for a new, empty warehouse and for the current version.
 */
async function layoutOutdated(warehouse: Warehouse): Promise<boolean> {
  const tables = await warehouse.rows<{ table_name: string }>(
    "select table_name from information_schema.tables where table_schema = 'meta' and table_name = 'layout_version'",
  );
  if (tables.length === 1) {
    const rows = await warehouse.rows<{ version: number }>("select version from meta.layout_version");
    if (rows.length > 0) return rows.some((row) => row.version !== LAYOUT_VERSION);
  }
  const [row] = await warehouse.rows<{ n: number }>(
    "select cast(count(*) as integer) as n from information_schema.tables where table_schema in ('raw', 'staging', 'core', 'marts')",
  );
  return (row?.n ?? 0) > 0;
}

/** Drops the derived schemas (recreated empty); extraction is reset by the caller. */
async function resetLayout(warehouse: Warehouse): Promise<void> {
  for (const schema of DERIVED_SCHEMAS) await warehouse.run(`drop schema if exists ${schema} cascade`);
  await warehouse.run(readSql("warehouse.sql"));
}

/** Records that the warehouse now follows this code's layout. */
async function saveLayoutVersion(warehouse: Warehouse): Promise<void> {
  await warehouse.run("delete from meta.layout_version");
  await warehouse.run("insert into meta.layout_version values ($1)", [LAYOUT_VERSION]);
}

/** A fingerprint of the reference data: incremental core rows are only reused under the same reference. */
function referenceHash(reference: ReferenceData): string {
  const { taxonomy, services, districts } = reference;
  return createHash("sha256")
    .update(JSON.stringify([taxonomy, services, districts]))
    .digest("hex");
}

/**
 * Empties meta.core_state unless the incremental core tables exist and were built under the same SLA
 * mode and reference data: the build then recomputes every report.
 */
async function invalidateCore(warehouse: Warehouse, options: RunOptions, hash: string): Promise<void> {
  const rows = await warehouse.rows("select 1 from meta.core_state where sla_mode = $1 and reference_hash = $2", [options.sla, hash]);
  const tables = await warehouse.rows(
    "select 1 from information_schema.tables where table_schema = 'core' and table_name in ('reports', 'report_milestones')",
  );
  if (options.full || rows.length !== 1 || tables.length !== 2) await warehouse.run("delete from meta.core_state");
}

/**
 * Records what the incremental tables now reflect: this snapshot, mode, reference and watermarks, and
 * the report count of each reception month (for the monthly marts).
 */
async function saveCoreState(warehouse: Warehouse, options: RunOptions, hash: string): Promise<void> {
  await warehouse.run("delete from meta.core_state");
  await warehouse.run(
    `insert into meta.core_state
     select cast($1 as timestamptz), $2, $3,
       coalesce(max(max_rowid) filter (where source_table = 'reports'), 0),
       coalesce(max(max_rowid) filter (where source_table = 'status_events'), 0),
       coalesce(max(max_rowid) filter (where source_table = 'contacts'), 0)
     from meta.watermarks`,
    [options.snapshotAt.toISOString(), options.sla, hash],
  );
  await warehouse.run("delete from meta.month_counts");
  await warehouse.run("insert into meta.month_counts select received_month, count(*) from core.reports group by received_month");
}

async function firstDataDay(warehouse: Warehouse, fallback: string): Promise<string> {
  const [row] = await warehouse.rows<{ first: string | null }>(
    `select strftime(timezone('Europe/Paris', cast(min(t) as timestamptz)), '%Y-%m-%d') as first from (
       select min(received_at) as t from raw.reports
       union all select min(occurred_at) from raw.status_events
       union all select min(received_at) from raw.contacts)`,
  );
  return row?.first && row.first < fallback ? row.first : fallback;
}

async function sameParameters(warehouse: Warehouse, options: RunOptions): Promise<boolean> {
  const rows = await warehouse.rows<{ same: boolean }>(
    "select snapshot_at = cast($1 as timestamptz) and sla_mode = $2 as same from meta.run_parameters",
    [options.snapshotAt.toISOString(), options.sla],
  );
  return rows.length === 1 && rows[0]?.same === true;
}

/** Runs the pipeline; progress lines (French) go to `log`. Throws CliError on a missing store or failed checks. */
export async function runPipeline(
  requested: RunOptions,
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  reference: ReferenceData = loadReference(),
): Promise<RunSummary> {
  let options = requested;
  if (!existsSync(options.store)) {
    throw new CliError(
      `Magasin de collecte introuvable : ${path.basename(options.store)}`,
      EXIT.usage,
      "Indiquez-le avec --store ou lancez d'abord l'ingestion.",
    );
  }
  if (options.warehouse !== ":memory:") mkdirSync(path.dirname(options.warehouse), { recursive: true });
  const timings: Record<string, number> = {};
  const stage = async <T>(name: string, work: () => Promise<T>, describe: (result: T) => string = () => ""): Promise<T> => {
    const started = performance.now();
    const result = await work();
    timings[name] = performance.now() - started;
    const detail = describe(result);
    log(`[run] ${name}${detail ? ` : ${detail}` : ""} (${formatSeconds(timings[name] ?? 0)})`);
    return result;
  };
  const warehouse = await openWarehouse(options.warehouse, runWarehouseSettings(options));
  const store = openStore(options.store, { readonly: true });
  try {
    const [memory] = await warehouse.rows<{ limit: string; spill: string }>(
      "select current_setting('memory_limit') as limit, current_setting('temp_directory') as spill",
    );
    log(`[run] mémoire DuckDB : limite ${memory?.limit}, débordement dans ${path.basename(memory?.spill ?? "")}`);
    const outdated = await layoutOutdated(warehouse);
    if (outdated) {
      log("[run] entrepôt d'un autre format : reconstruction complète");
      options = { ...options, full: true };
    }
    await warehouse.run(readSql("warehouse.sql"));
    if (options.full) {
      await stage("remise à zéro", async () => {
        await resetExtraction(warehouse);
        await resetLayout(warehouse);
      });
    }
    await saveLayoutVersion(warehouse);
    const locator = createLocator(reference.districts, reference.communes);
    const extracted = await stage(
      "extraction",
      () =>
        extractStore(store, warehouse, locator, (table, rows, ms) => {
          timings[`extraction.${table}`] = ms;
          if (rows > 0) log(`[run]   ${table} : ${rows} lignes (${formatSeconds(ms)})`);
        }),
      (c) => `${c.reports} signalements, ${c.status_events} événements, ${c.contacts} contacts nouveaux`,
    );
    const nothingNew = extracted.reports + extracted.status_events + extracted.contacts === 0;
    if (!options.full && nothingNew && (await sameParameters(warehouse, options))) {
      log("[run] rien de nouveau depuis la dernière exécution : modèles inchangés");
      return { extracted, rebuilt: false, timings };
    }
    const snapshotDay = parisDate(options.snapshotAt.getTime());
    await warehouse.run("begin transaction");
    try {
      await stage("référentiels", async () =>
        loadReferenceTables(warehouse, reference, {
          mode: options.sla,
          firstDay: addDays(await firstDataDay(warehouse, snapshotDay), -1),
          lastDay: snapshotDay,
        }),
      );
      const hash = referenceHash(reference);
      await invalidateCore(warehouse, options, hash);
      await warehouse.run("delete from meta.run_parameters");
      await warehouse.run("insert into meta.run_parameters values (cast($1 as timestamptz), $2)", [
        options.snapshotAt.toISOString(),
        options.sla,
      ]);
      for (const step of STAGES) {
        await stage(step === "scope" ? "périmètre incrémental" : `modèles ${step}`, () =>
          buildModels(warehouse, [step], (model, ms) => {
            timings[`${model.layer}.${model.name}`] = ms;
          }),
        );
      }
      await stage("contrôles", () => runChecks(warehouse));
      await stage("enregistrement", async () => {
        await saveCoreState(warehouse, options, hash);
        await warehouse.run("commit");
      });
    } catch (error) {
      await warehouse.run("rollback");
      throw error;
    }
    return { extracted, rebuilt: true, timings };
  } finally {
    store.close();
    warehouse.close();
  }
}
