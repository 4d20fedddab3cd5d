/**
 * Incremental extraction from the intake store (SQLite) into the warehouse raw tables.
 * Each source table has a watermark: the highest rowid already extracted. SQLite itself writes the
 * non-personal columns as CSV text (one blob per chunk of rows), loaded by DuckDB's `read_csv` from a
 * temporary file deleted once loaded: no JavaScript work per row.
 * Reports pass through JavaScript for the district (point-in-polygon); their coordinates and reporter
 * identity (only as a hash) go to the private schema through appenders, in memory, never to a file.
 * On a large extraction the events and the reports are each read by a worker thread with its own
 * connection to the store, while the main thread loads their chunks into DuckDB as they come.
 */

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { DOUBLE, DuckDBDataChunk, type DuckDBType, type DuckDBValue, VARCHAR } from "@duckdb/node-api";
import type Database from "better-sqlite3";
import type { Locator } from "../core/districts.ts";
import { MessageQueue } from "../io/messageQueue.ts";
import type { ReferenceData } from "../reference.ts";
import type { Warehouse } from "./duckdb.ts";
import { ReporterHasher } from "./reporter.ts";

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

/** Reports per chunk: one CSV file of their columns, and their private rows appended to the private schema. */
export const REPORT_CHUNK_ROWS = 50_000;

/** A chunk of reports: the CSV file of their non-personal columns, and their private rows (never in a file). */
export interface ReportChunk extends Chunk {
  /** Located reports, flat: report_key, lat, lon, report_key, lat, lon… */
  locations: (string | number)[];
  /** Reports with a known reporter, flat: report_key, reporter_hash… */
  reporters: string[];
}

/**
 * Reads the reports with `after < report_id <= upTo` in chunks: the district resolved (point-in-polygon), the
 * reporter identity reduced to its hash. Touches no warehouse, so the extraction's worker thread runs it too.
 */
export function* reportChunks(
  store: Database.Database,
  locator: Locator,
  after: number,
  upTo: number,
  dir: string,
  chunkRows: number,
): Generator<ReportChunk> {
  const prefix = ["report_id", "channel", "source_id", "received_at", "category_code", "service_code"]
    .map((c, i) => (i === 0 ? c : csvField(c)))
    .join(" || ',' || ");
  const statement = store
    .prepare(
      `select report_id, ${prefix}, channel || ':' || source_id, lat, lon, district_code, reporter_email, reporter_phone, reporter_name
       from reports where report_id > ? and report_id <= ? order by report_id`,
    )
    .raw();
  const hashes = new ReporterHasher();
  let lines: string[] = [];
  let locations: (string | number)[] = [];
  let reporters: string[] = [];
  let part = 0;
  let last = after;
  const flush = (): ReportChunk => {
    const file = path.join(dir, `reports-${part}.csv`);
    writeFileSync(file, `${lines.join("\n")}\n`);
    const chunk = { file, rows: lines.length, last, locations, reporters };
    part += 1;
    lines = [];
    locations = [];
    reporters = [];
    return chunk;
  };
  for (const row of statement.iterate(after, upTo) as Iterable<Cell[]>) {
    const [id, line, key, lat, lon, district, email, phone, name] = row as [number, string, string, ...Cell[]];
    const located = resolveDistrict(locator, lat as number | null, lon as number | null, district as string | null);
    lines.push(`${line},${quote(located)}`);
    if (lat !== null && lon !== null) locations.push(key, lat as number, lon as number);
    const hash = hashes.hash(email as string | null, phone as string | null, name as string | null);
    if (hash !== null) reporters.push(key, hash);
    last = id;
    if (lines.length === chunkRows) yield flush();
  }
  if (lines.length > 0) yield flush();
}

/** Appends flat rows to a private table, a data chunk (one vector of DuckDB) at a time. */
async function appendFlat(warehouse: Warehouse, table: string, types: DuckDBType[], flat: readonly unknown[]): Promise<void> {
  if (flat.length === 0) return;
  const width = types.length;
  const appender = await warehouse.appender("private", table);
  const size = VECTOR_SIZE * width;
  for (let start = 0; start < flat.length; start += size) {
    const slice = flat.slice(start, start + size);
    const n = slice.length / width;
    const columns = types.map((_, c) => Array.from({ length: n }, (_, r) => slice[r * width + c] as DuckDBValue));
    const chunk = DuckDBDataChunk.create(types, n);
    chunk.setColumns(columns);
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
}

/** Rows of one DuckDB vector (the largest data chunk appended at once). */
const VECTOR_SIZE = 2048;

/** Loads one chunk of reports: its CSV into raw.reports, its private rows into the private schema. */
async function loadReportChunk(warehouse: Warehouse, chunk: ReportChunk): Promise<void> {
  await loadCsv(warehouse, "reports", REPORT_COLUMNS, chunk.file);
  rmSync(chunk.file, { force: true });
  await appendFlat(warehouse, "report_locations", [VARCHAR, DOUBLE, DOUBLE], chunk.locations);
  await appendFlat(warehouse, "report_reporters", [VARCHAR, VARCHAR], chunk.reporters);
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
interface ChunkSource<C extends Chunk = Chunk> {
  next(): Promise<C | null>;
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

/** The reports' chunks read on the calling thread (small extractions, in-memory stores). */
function reportsInThread(
  store: Database.Database,
  locator: Locator,
  after: number,
  upTo: number,
  dir: string,
  chunkRows: number,
): ChunkSource<ReportChunk> {
  const chunks = reportChunks(store, locator, after, upTo, dir, chunkRows);
  return {
    async next() {
      const next = chunks.next();
      return next.done ? null : next.value;
    },
    async stop() {
      chunks.return(undefined);
    },
  };
}

/** What the main thread passes to the reports' worker thread (report-worker.mjs). */
export interface ReportJob {
  storeFile: string;
  areas: Pick<ReferenceData, "districts" | "communes">;
  after: number;
  upTo: number;
  dir: string;
  chunkRows: number;
}

/** Chunks posted by the reports' worker and not yet taken, at most (bounds the private rows held in memory). */
export const REPORT_CHUNKS_AHEAD = 3;

/**
 * The reports' chunks read by a worker thread on its own connection to the store (rows up to `upTo`, read in
 * the main snapshot): point-in-polygon, hashing and the CSV text run there while this thread loads chunks.
 */
function reportsInWorker(job: ReportJob): ChunkSource<ReportChunk> {
  const worker = new Worker(new URL("./report-worker.mjs", import.meta.url), { workerData: job });
  const queue = new MessageQueue<ReportChunk | null>();
  worker.on("message", (message: ReportChunk | { done: true }) => queue.push("done" in message ? null : message));
  worker.on("error", (error) => queue.push(error));
  return {
    async next() {
      const chunk = await queue.take();
      if (chunk !== null) worker.postMessage(0);
      return chunk;
    },
    async stop() {
      await worker.terminate();
    },
  };
}

/** The highest rowid of a source table in the store's current read snapshot. */
function storeMax(store: Database.Database, table: SourceTable): number {
  const id = table === "reports" ? "report_id" : COLUMNS[table].id;
  const row = store.prepare(`select coalesce(max(${id}), 0) as m from ${table}`).get() as { m: number };
  return row.m;
}

/** How an extraction reads the store. */
export interface ExtractOptions {
  /** Events (and contacts) per CSV chunk. */
  chunkRows?: number;
  /** Reports per chunk. */
  reportChunkRows?: number;
  /**
   * The districts and communes the locator was built from: with them, a file store's reports are read by a
   * worker thread (which builds its own locator) when there are more than a chunk of them.
   */
  areas?: Pick<ReferenceData, "districts" | "communes">;
}

/**
 * Appends the store rows above each watermark to the raw tables and moves the watermarks, in one
 * warehouse transaction and one consistent read of the store. Reports and events are read at the same time
 * (each by a worker thread when large) and their chunks loaded as they come.
 */
export async function extractStore(
  store: Database.Database,
  warehouse: Warehouse,
  locator: Locator,
  onTable: (table: SourceTable, rows: number, ms: number) => void = () => {},
  options: ExtractOptions = {},
): Promise<ExtractCounts> {
  const chunkRows = options.chunkRows ?? CHUNK_ROWS;
  const reportChunkRows = options.reportChunkRows ?? REPORT_CHUNK_ROWS;
  const marks = await readWatermarks(warehouse);
  const counts: ExtractCounts = { reports: 0, status_events: 0, contacts: 0 };
  const maxima: Record<SourceTable, number> = { ...marks };
  const dir = mkdtempSync(path.join(tmpdir(), "signalements-extraction-"));
  store.exec("begin");
  const upTo = Object.fromEntries(SOURCE_TABLES.map((t) => [t, storeMax(store, t)])) as Record<SourceTable, number>;
  const sources: ChunkSource[] = [];
  const started = performance.now();
  try {
    const reports =
      options.areas !== undefined && !store.memory && upTo.reports - marks.reports > reportChunkRows
        ? reportsInWorker({
            storeFile: store.name,
            areas: options.areas,
            after: marks.reports,
            upTo: upTo.reports,
            dir,
            chunkRows: reportChunkRows,
          })
        : reportsInThread(store, locator, marks.reports, upTo.reports, dir, reportChunkRows);
    sources.push(reports);
    // The events, by far the largest table, are read by a worker when they are more than a chunk.
    const events =
      store.memory || upTo.status_events - marks.status_events < chunkRows
        ? chunksInThread(store, "status_events", marks.status_events, upTo.status_events, dir, chunkRows)
        : chunksInWorker(store.name, "status_events", marks.status_events, upTo.status_events, dir, chunkRows);
    sources.push(events);
    await warehouse.run("begin transaction");
    try {
      // Whichever source has a chunk ready is loaded first; the next one is asked for before loading, so the
      // workers keep reading while DuckDB loads.
      const next = (table: SourceTable, source: ChunkSource) => {
        const promise = source.next().then((chunk) => ({ table, source, chunk }));
        // A failure is raised by the race below; until then it must not count as unhandled.
        promise.catch(() => {});
        return promise;
      };
      const pending = new Map<SourceTable, ReturnType<typeof next>>([
        ["reports", next("reports", reports)],
        ["status_events", next("status_events", events)],
      ]);
      while (pending.size > 0) {
        const { table, source, chunk } = await Promise.race(pending.values());
        if (chunk === null) {
          pending.delete(table);
          onTable(table, counts[table], performance.now() - started);
          continue;
        }
        pending.set(table, next(table, source));
        if (table === "reports") await loadReportChunk(warehouse, chunk as ReportChunk);
        else await loadCsvChunk(warehouse, table as Exclude<SourceTable, "reports">, chunk);
        counts[table] += chunk.rows;
        maxima[table] = chunk.last;
      }
      const contactsStarted = performance.now();
      const contacts = chunksInThread(store, "contacts", marks.contacts, upTo.contacts, dir, chunkRows);
      for (let chunk = await contacts.next(); chunk !== null; chunk = await contacts.next()) {
        await loadCsvChunk(warehouse, "contacts", chunk);
        counts.contacts += chunk.rows;
        maxima.contacts = chunk.last;
      }
      onTable("contacts", counts.contacts, performance.now() - contactsStarted);
      for (const table of SOURCE_TABLES) {
        await warehouse.run("insert or replace into meta.watermarks (source_table, max_rowid) values ($1, $2)", [
          table,
          BigInt(maxima[table]),
        ]);
      }
      await warehouse.run("commit");
    } catch (error) {
      await warehouse.run("rollback");
      throw error;
    }
  } finally {
    await Promise.all(sources.map((source) => source.stop()));
    store.exec("commit");
    rmSync(dir, { recursive: true, force: true });
  }
  return counts;
}

/** Loads one CSV chunk of events or contacts into its raw table and deletes the file. */
async function loadCsvChunk(warehouse: Warehouse, table: Exclude<SourceTable, "reports">, chunk: Chunk): Promise<void> {
  const { id, columns } = COLUMNS[table];
  const types = Object.fromEntries([[id, "bigint"], ...columns.map((c) => [c, TYPED[c] ?? "varchar"])]);
  await loadCsv(warehouse, table, types, chunk.file);
  rmSync(chunk.file, { force: true });
}
