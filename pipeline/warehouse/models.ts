/** Builds the SQL models and runs the data checks declared in pipeline/sql/models.ts. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CliError, EXIT } from "../errors.ts";
import { CHECKS, type CheckSpec, MODELS, type ModelSpec, type Stage, stageOf } from "../sql/models.ts";
import type { Warehouse } from "./duckdb.ts";

/** Folder of the SQL files. */
export const SQL_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "sql");

/** Reads a SQL file of pipeline/sql. */
export function readSql(relative: string): string {
  return readFileSync(path.join(SQL_DIR, relative), "utf8");
}

async function relationExists(warehouse: Warehouse, schema: string, name: string): Promise<boolean> {
  const rows = await warehouse.rows("select 1 from information_schema.tables where table_schema = $1 and table_name = $2", [schema, name]);
  return rows.length > 0;
}

/** True on a whole build: no incremental state recorded (first or full build, or state invalidated). */
async function wholeBuild(warehouse: Warehouse): Promise<boolean> {
  const [row] = await warehouse.rows<{ n: number }>("select cast(count(*) as integer) as n from meta.core_state");
  return row?.n === 0;
}

/** True when a month of `changed_months` has no report any more: the periods it left are not in core.periods. */
async function monthLeftEmpty(warehouse: Warehouse): Promise<boolean> {
  const [row] = await warehouse.rows<{ n: number }>(
    "select cast(count(*) as integer) as n from changed_months where debut_mois not in (select debut_mois from core.periods)",
  );
  return (row?.n ?? 0) > 0;
}

/**
 * Creates (or replaces) one model as a view or table; an incremental model replaces the rows of the
 * reports in `core.report_scope`, a monthly one the months of `changed_months`, a periodic one the periods
 * of `changed_periods`; each is created whole on a whole build or when the table does not exist yet.
 */
export async function buildModel(warehouse: Warehouse, model: ModelSpec): Promise<void> {
  const sql = readSql(`${model.layer}/${model.name}.sql`);
  const relation = `${model.layer}.${model.name}`;
  if (
    model.materialized === "incremental" &&
    !(await wholeBuild(warehouse)) &&
    (await relationExists(warehouse, model.layer, model.name))
  ) {
    await warehouse.run(`delete from ${relation} where report_key in (select report_key from core.report_scope)`);
    await warehouse.run(`insert into ${relation} by name\n${sql}`);
    return;
  }
  if (model.materialized === "periodic") {
    await warehouse.run(`create or replace temp table changed_months as\n${readSql("core/changed_months.sql")}`);
    const incremental =
      !(await wholeBuild(warehouse)) && (await relationExists(warehouse, model.layer, model.name)) && !(await monthLeftEmpty(warehouse));
    const periods = incremental ? readSql("core/changed_periods.sql") : "select distinct periode from core.periods";
    await warehouse.run(`create or replace temp table changed_periods as\n${periods}`);
    if (incremental) {
      await warehouse.run(
        `delete from ${relation} where periode in (select periode from changed_periods) or periode not in (select periode from core.periods)`,
      );
      await warehouse.run(`insert into ${relation} by name\n${sql}`);
      return;
    }
  }
  if (model.materialized === "monthly") {
    await warehouse.run(`create or replace temp table changed_months as\n${readSql("core/changed_months.sql")}`);
    if (!(await wholeBuild(warehouse)) && (await relationExists(warehouse, model.layer, model.name))) {
      const month = model.monthColumn ?? "debut_mois";
      await warehouse.run(`delete from ${relation} where ${month} in (select ${month} from changed_months)`);
      await warehouse.run(`insert into ${relation} by name\n${sql}`);
      return;
    }
  }
  const kind = model.materialized === "view" ? "view" : "table";
  await dropOtherKind(warehouse, model.layer, model.name, kind);
  await warehouse.run(`create or replace ${kind} ${relation} as\n${sql}`);
}

/**
 * Drops `schema.name` when it exists as the other kind (a table where a view is wanted, or the reverse):
 * `create or replace` cannot change the kind of a relation built by older code.
 */
export async function dropOtherKind(warehouse: Warehouse, schema: string, name: string, kind: "view" | "table"): Promise<void> {
  const [row] = await warehouse.rows<{ table_type: string }>(
    "select table_type from information_schema.tables where table_schema = $1 and table_name = $2",
    [schema, name],
  );
  if (!row) return;
  const existing = row.table_type === "VIEW" ? "view" : "table";
  if (existing !== kind) await warehouse.run(`drop ${existing} ${schema}.${name}`);
}

/** Builds the models of the given stages in declared order; reports each model's duration. */
export async function buildModels(
  warehouse: Warehouse,
  stages: readonly Stage[],
  onModel: (model: ModelSpec, ms: number) => void = () => {},
): Promise<void> {
  for (const model of MODELS.filter((m) => stages.includes(stageOf(m)))) {
    const started = performance.now();
    await buildModel(warehouse, model);
    onModel(model, performance.now() - started);
  }
}

/** Runs every check; throws a CliError naming the failing checks and their row counts. */
export async function runChecks(warehouse: Warehouse, checks: readonly CheckSpec[] = CHECKS): Promise<void> {
  const failures: string[] = [];
  for (const check of checks) {
    const sql = readSql(`checks/${check.name}.sql`);
    const [row] = await warehouse.rows<{ n: number }>(`select cast(count(*) as integer) as n from (\n${sql}\n)`);
    if (row && row.n > 0) failures.push(`  - ${check.name} : ${row.n} ligne(s) en échec — ${check.description}`);
  }
  if (failures.length > 0) {
    throw new CliError(
      `Contrôles de données en échec, entrepôt non mis à jour :\n${failures.join("\n")}`,
      EXIT.checks,
      "Corrigez les données du magasin (ou le référentiel) puis relancez : signalements run",
    );
  }
}
