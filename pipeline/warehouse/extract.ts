/**
 * Incremental extraction from the intake store (SQLite) into the warehouse raw tables.
 * Each source table has a watermark: the highest rowid already extracted. SQLite itself writes the
 * non-personal columns as CSV text (one blob per chunk of rows), loaded by DuckDB's `read_csv` from a
 * temporary file deleted once loaded: no JavaScript work per row. The events, by far the largest table,
 * are read by a worker thread while the main thread reads the reports.
 * Reports pass through JavaScript for the district (point-in-polygon); their coordinates and reporter
 * identity (only as a hash) go straight to the private schema with appenders, never to a file.
 */

import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type Database from "better-sqlite3";
import type { Locator } from "../core/districts.ts";
import { MessageQueue } from "../io/messageQueue.ts";
import type { Warehouse } from "./duckdb.ts";
import { reporterHash } from "./reporter.ts";

/** Source tables of the store, in extraction order. */
export const SOURCE_TABLES = ["reports", "status_events", "contacts"] as const;
export type SourceTable = (typeof SOURCE_TABLES)[number];

/** Rows extracted per source table by one run. */
export type ExtractCounts = Record<SourceTable, number>;

type Cell = string | number | null;

/** The district of a channel record: point-in-polygon first, then the record's own district, else null. */
export function resolveDistrict(locator: Locator, lat: number | null, lon: number | null, recorded: string | null): string | null {
  if (lat !== null && lon !== null) {
    const found = locator.district(lon, lat);
    if (found !== null) return found;
  }
  return recorded && recorded.length > 0 ? recorded : null;
}

/** Reads the watermarks (0 when a table was never extracted). */
export async function readWatermarks(warehouse: Warehouse): Promise<Record<SourceTable, number>> {
  const rows = await warehouse.rows<{ source_table: string; max_rowid: number }>(
    "select source_table, cast(max_rowid as double) as max_rowid from meta.watermarks",
  );
  const out = { reports: 0, status_events: 0, contacts: 0 };
  for (const row of rows) if (row.source_table in out) out[row.source_table as SourceTable] = Number(row.max_rowid);
  return out;
}

/**
 * A SQLite expression writing a text column as a CSV field: NULL becomes an empty field, the empty string
 * `""`, a value holding a quote, comma or line break is quoted (quotes doubled); any other value is
 * written as is, which keeps both the text and DuckDB's parsing short.
 */
function csvField(column: string): string {
  const special = `${column} = '' or instr(${column}, '"') or instr(${column}, ',') or instr(${column}, char(10)) or instr(${column}, char(13))`;
  return `iif(${column} is null, '', iif(${special}, '"' || replace(${column}, '"', '""') || '"', ${column}))`;
}

/** A CSV field quoted the way `csvField` quotes it in SQLite. */
function quote(value: string | null): string {
  return value === null ? "" : `"${value.replaceAll('"', '""')}"`;
}

/**
 * Loads one CSV file into a raw table, adding the report key; the path is bound, the column list and
 * projection come from the code. Times are typed by `read_csv` itself (same result as a cast from text,
 * session time zone for a value without offset, but about five times faster).
 */
async function loadCsv(warehouse: Warehouse, table: string, columns: Record<string, string>, file: string): Promise<void> {
  const spec = Object.entries(columns)
    .map(([name, type]) => `'${name}': '${type}'`)
    .join(", ");
  await warehouse.run(
    `insert into raw.${table} by name select ${PROJECTIONS[table]} from read_csv($1, header = false, auto_detect = false,
       columns = {${spec}}, delim = ',', quote = '"', escape = '"', allow_quoted_nulls = false)`,
    [file],
  );
}

/** Columns computed from the CSV columns. */
const PROJECTIONS: Record<string, string> = {
  reports: "*, channel || ':' || source_id as report_key",
  status_events: "*, origin_channel || ':' || origin_ref as report_key",
  contacts: "*",
};

/** CSV column types that are not text. */
const TYPED: Record<string, string> = { occurred_at: "timestamptz", received_at: "timestamptz", planned_date: "date" };

const REPORT_COLUMNS = {
  report_id: "bigint",
  channel: "varchar",
  source_id: "varchar",
  received_at: "timestamptz",
  category_code: "varchar",
  service_code: "varchar",
  district_code: "varchar",
};

async function extractReports(store: Database.Database, warehouse: Warehouse, locator: Locator, after: number, dir: string) {
  const prefix = ["report_id", "channel", "source_id", "received_at", "category_code", "service_code"]
    .map((c, i) => (i === 0 ? c : csvField(c)))
    .join(" || ',' || ");
  const statement = store
    .prepare(
      `select report_id, ${prefix}, channel || ':' || source_id, lat, lon, district_code, reporter_email, reporter_phone, reporter_name
       from reports where report_id > ? order by report_id`,
    )
    .raw();
  const file = path.join(dir, "reports.csv");
  const out = openSync(file, "w");
  const locations = await warehouse.appender("private", "report_locations");
  const reporters = await warehouse.appender("private", "report_reporters");
  let n = 0;
  let max = after;
  let lines: string[] = [];
  for (const row of statement.iterate(after) as Iterable<Cell[]>) {
    const [id, line, key, lat, lon, district, email, phone, name] = row as [number, string, string, ...Cell[]];
    const located = resolveDistrict(locator, lat as number | null, lon as number | null, district as string | null);
    lines.push(`${line},${quote(located)}`);
    if (lines.length === 50_000) {
      writeSync(out, `${lines.join("\n")}\n`);
      lines = [];
    }
    if (lat !== null && lon !== null) {
      locations.appendVarchar(key);
      locations.appendDouble(lat as number);
      locations.appendDouble(lon as number);
      locations.endRow();
    }
    const hash = reporterHash(email as string | null, phone as string | null, name as string | null);
    if (hash !== null) {
      reporters.appendVarchar(key);
      reporters.appendVarchar(hash);
      reporters.endRow();
    }
    n += 1;
    max = id;
  }
  if (lines.length > 0) writeSync(out, `${lines.join("\n")}\n`);
  closeSync(out);
  for (const appender of [locations, reporters]) appender.closeSync();
  if (n > 0) await loadCsv(warehouse, "reports", REPORT_COLUMNS, file);
  return { n, max };
}

const COLUMNS: Record<Exclude<SourceTable, "reports">, { id: string; columns: string[] }> = {
  status_events: {
    id: "event_id",
    columns: [
      "reference",
      "origin_channel",
      "origin_ref",
      "event_type",
      "occurred_at",
      "service_code",
      "resolution_code",
      "planned_date",
      "complaint_reason",
    ],
  },
  contacts: { id: "contact_id", columns: ["channel", "source_id", "kind", "received_at", "outcome", "category_code"] },
};

/** Rows per CSV chunk. */
const CHUNK_ROWS = 500_000;

/** A chunk of rows written as CSV: its file, row count and highest rowid. */
interface Chunk {
  file: string;
  rows: number;
  last: number;
}

/** Chunks of one source table, in rowid order; `next` resolves null after the last one. */
interface ChunkSource {
  next(): Promise<Chunk | null>;
  stop(): Promise<void>;
}

/** The chunk query: rows with `after < id <= upTo` (both bound), `limit` rows, as one CSV blob. */
function chunkSql(table: Exclude<SourceTable, "reports">): string {
  const { id, columns } = COLUMNS[table];
  const line = [id, ...columns.map(csvField)].join(" || ',' || ");
  // A blob comes back as a Buffer, written as is: no JavaScript string to build and encode again.
  return `select cast(count(*) as integer) as n, max(id) as last, cast(group_concat(line, char(10)) || char(10) as blob) as text
     from (select ${id} as id, ${line} as line from ${table} where ${id} > ? and ${id} <= ? order by ${id} limit ?)`;
}

/** Chunks read on the calling thread (small tables). */
function chunksInThread(
  store: Database.Database,
  table: Exclude<SourceTable, "reports">,
  after: number,
  upTo: number,
  dir: string,
  chunkRows: number,
): ChunkSource {
  const chunk = store.prepare(chunkSql(table));
  let max = after;
  let part = 0;
  return {
    async next() {
      const { n, last, text } = chunk.get(max, upTo, chunkRows) as { n: number; last: number | null; text: Buffer | null };
      if (n === 0 || last === null || text === null) return null;
      const file = path.join(dir, `${table}-${part}.csv`);
      writeFileSync(file, text);
      part += 1;
      max = last;
      return { file, rows: n, last };
    },
    async stop() {},
  };
}

/**
 * Chunks read by a worker thread on its own connection to the store (rows up to `upTo`, read in the main
 * snapshot, so the result is the same): the main thread extracts the reports meanwhile.
 */
function chunksInWorker(
  storeFile: string,
  table: Exclude<SourceTable, "reports">,
  after: number,
  upTo: number,
  dir: string,
  chunkRows: number,
): ChunkSource {
  const worker = new Worker(new URL("./chunk-worker.mjs", import.meta.url), {
    workerData: { storeFile, sql: chunkSql(table), after, upTo, chunkRows, dir, table },
  });
  const queue = new MessageQueue<Chunk | null>();
  worker.on("message", (message: Chunk | { done: true }) => queue.push("done" in message ? null : message));
  worker.on("error", (error) => queue.push(error));
  return {
    next: () => queue.take(),
    async stop() {
      await worker.terminate();
    },
  };
}

/** Loads every chunk of a source into its raw table, each file deleted once loaded. */
async function loadChunks(warehouse: Warehouse, table: Exclude<SourceTable, "reports">, source: ChunkSource, after: number) {
  const { id, columns } = COLUMNS[table];
  const types = Object.fromEntries([[id, "bigint"], ...columns.map((c) => [c, TYPED[c] ?? "varchar"])]);
  let n = 0;
  let max = after;
  for (let chunk = await source.next(); chunk !== null; chunk = await source.next()) {
    await loadCsv(warehouse, table, types, chunk.file);
    rmSync(chunk.file, { force: true });
    n += chunk.rows;
    max = chunk.last;
  }
  return { n, max };
}

/** The highest rowid of a source table in the store's current read snapshot. */
function storeMax(store: Database.Database, table: Exclude<SourceTable, "reports">): number {
  const { id } = COLUMNS[table];
  const row = store.prepare(`select coalesce(max(${id}), 0) as m from ${table}`).get() as { m: number };
  return row.m;
}

/**
 * Appends the store rows above each watermark to the raw tables and moves the watermarks, in one
 * warehouse transaction and one consistent read of the store.
 */
export async function extractStore(
  store: Database.Database,
  warehouse: Warehouse,
  locator: Locator,
  onTable: (table: SourceTable, rows: number, ms: number) => void = () => {},
  chunkRows: number = CHUNK_ROWS,
): Promise<ExtractCounts> {
  const marks = await readWatermarks(warehouse);
  const counts: ExtractCounts = { reports: 0, status_events: 0, contacts: 0 };
  const dir = mkdtempSync(path.join(tmpdir(), "signalements-extraction-"));
  store.exec("begin");
  const eventsMax = storeMax(store, "status_events");
  // The events, by far the largest table, are read by a worker while this thread reads the reports.
  const events =
    store.memory || eventsMax - marks.status_events < chunkRows
      ? chunksInThread(store, "status_events", marks.status_events, eventsMax, dir, chunkRows)
      : chunksInWorker(store.name, "status_events", marks.status_events, eventsMax, dir, chunkRows);
  await warehouse.run("begin transaction");
  try {
    for (const table of SOURCE_TABLES) {
      const started = performance.now();
      const { n, max } =
        table === "reports"
          ? await extractReports(store, warehouse, locator, marks.reports, dir)
          : table === "status_events"
            ? await loadChunks(warehouse, table, events, marks[table])
            : await loadChunks(
                warehouse,
                table,
                chunksInThread(store, table, marks[table], storeMax(store, table), dir, chunkRows),
                marks[table],
              );
      counts[table] = n;
      onTable(table, n, performance.now() - started);
      await warehouse.run("insert or replace into meta.watermarks (source_table, max_rowid) values ($1, $2)", [table, BigInt(max)]);
    }
    await warehouse.run("commit");
  } catch (error) {
    await warehouse.run("rollback");
    throw error;
  } finally {
    await events.stop();
    store.exec("commit");
    rmSync(dir, { recursive: true, force: true });
  }
  return counts;
}
