/**
 * Incremental extraction from the intake store (SQLite) into the warehouse raw tables.
 * Each source table has a watermark: the highest rowid already extracted. Rows are streamed with
 * better-sqlite3 `.raw().iterate()` into DuckDB appenders; personal columns are never selected,
 * except the coordinates and the reporter identity, which go to the private schema (the identity
 * only as a hash).
 */

import type { DuckDBAppender } from "@duckdb/node-api";
import type Database from "better-sqlite3";
import type { Locator } from "../core/districts.ts";
import type { Warehouse } from "./duckdb.ts";
import { reporterHash } from "./reporter.ts";

/** Source tables of the store, in extraction order. */
export const SOURCE_TABLES = ["reports", "status_events", "contacts"] as const;
export type SourceTable = (typeof SOURCE_TABLES)[number];

/** Rows extracted per source table by one run. */
export type ExtractCounts = Record<SourceTable, number>;

type Cell = string | number | null;

function appendText(appender: DuckDBAppender, value: Cell | undefined): void {
  if (value === null || value === undefined) appender.appendNull();
  else appender.appendVarchar(String(value));
}

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

async function extractReports(store: Database.Database, warehouse: Warehouse, locator: Locator, after: number) {
  const statement = store
    .prepare(
      `select report_id, channel, source_id, received_at, category_code, service_code, lat, lon, district_code,
              reporter_email, reporter_phone, reporter_name
       from reports where report_id > ? order by report_id`,
    )
    .raw();
  const reports = await warehouse.appender("raw", "reports");
  const locations = await warehouse.appender("private", "report_locations");
  const reporters = await warehouse.appender("private", "report_reporters");
  let n = 0;
  let max = after;
  for (const row of statement.iterate(after) as Iterable<Cell[]>) {
    const [id, channel, sourceId, receivedAt, category, service, lat, lon, district, email, phone, name] = row;
    const key = `${channel}:${sourceId}`;
    reports.appendBigInt(BigInt(id as number));
    appendText(reports, channel);
    appendText(reports, sourceId);
    appendText(reports, receivedAt);
    appendText(reports, category);
    appendText(reports, service);
    appendText(reports, resolveDistrict(locator, lat as number | null, lon as number | null, district as string | null));
    reports.endRow();
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
    max = id as number;
  }
  for (const appender of [reports, locations, reporters]) appender.closeSync();
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

async function extractPlain(store: Database.Database, warehouse: Warehouse, table: Exclude<SourceTable, "reports">, after: number) {
  const { id, columns } = COLUMNS[table];
  const statement = store.prepare(`select ${id}, ${columns.join(", ")} from ${table} where ${id} > ? order by ${id}`).raw();
  const appender = await warehouse.appender("raw", table);
  let n = 0;
  let max = after;
  for (const row of statement.iterate(after) as Iterable<Cell[]>) {
    appender.appendBigInt(BigInt(row[0] as number));
    for (let i = 1; i < row.length; i += 1) appendText(appender, row[i]);
    appender.endRow();
    n += 1;
    max = row[0] as number;
  }
  appender.closeSync();
  return { n, max };
}

/**
 * Appends the store rows above each watermark to the raw tables and moves the watermarks, in one
 * warehouse transaction and one consistent read of the store.
 */
export async function extractStore(store: Database.Database, warehouse: Warehouse, locator: Locator): Promise<ExtractCounts> {
  const marks = await readWatermarks(warehouse);
  const counts: ExtractCounts = { reports: 0, status_events: 0, contacts: 0 };
  store.exec("begin");
  await warehouse.run("begin transaction");
  try {
    for (const table of SOURCE_TABLES) {
      const { n, max } =
        table === "reports"
          ? await extractReports(store, warehouse, locator, marks.reports)
          : await extractPlain(store, warehouse, table, marks[table]);
      counts[table] = n;
      await warehouse.run("insert or replace into meta.watermarks (source_table, max_rowid) values ($1, $2)", [table, BigInt(max)]);
    }
    await warehouse.run("commit");
  } catch (error) {
    await warehouse.run("rollback");
    throw error;
  } finally {
    store.exec("commit");
  }
  return counts;
}
