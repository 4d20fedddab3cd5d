import { type DuckDBAppender, type DuckDBConnection, DuckDBInstance, type DuckDBValue } from "@duckdb/node-api";

/** A thin handle on a DuckDB warehouse: statements with bound values, row objects, appenders. */
export interface Warehouse {
  /** Runs one or more statements; `values` are bound as parameters, never spliced. */
  run(sql: string, values?: DuckDBValue[]): Promise<void>;
  /** Runs a query and returns its rows as JSON-friendly objects (BIGINT as strings: cast in SQL). */
  rows<T = Record<string, unknown>>(sql: string, values?: DuckDBValue[]): Promise<T[]>;
  /** Opens an appender on `schema.table` for bulk loads. */
  appender(schema: string, table: string): Promise<DuckDBAppender>;
  /** Closes the connection and the database file. */
  close(): void;
}

/** DuckDB settings of a warehouse, under DuckDB's own names; an absent one keeps DuckDB's default. */
export interface WarehouseSettings {
  /** Most memory DuckDB's buffer manager may hold, e.g. "4GB" (DuckDB's default: 80 % of the RAM). */
  memory_limit?: string;
  /** Where operators larger than the memory limit spill (DuckDB's default: `<file>.tmp`). */
  temp_directory?: string;
  /** False lets large inserts and scans ignore row order, which needs less memory. */
  preserve_insertion_order?: boolean;
}

/**
 * Opens (or creates) a DuckDB warehouse file, or an in-memory one with ":memory:".
 * Extensions are never downloaded: a missing one fails fast instead of reaching the network.
 */
export async function openWarehouse(file: string, settings: WarehouseSettings = {}): Promise<Warehouse> {
  const chosen = Object.entries(settings).filter(([, value]) => value !== undefined);
  const instance = await DuckDBInstance.create(file, {
    autoinstall_known_extensions: "false",
    autoload_known_extensions: "true",
    ...Object.fromEntries(chosen.map(([name, value]) => [name, String(value)])),
  });
  const connection: DuckDBConnection = await instance.connect();
  return {
    async run(sql, values) {
      if (values && values.length > 0) await connection.run(sql, values);
      else await connection.run(sql);
    },
    async rows<T>(sql: string, values?: DuckDBValue[]) {
      const reader = values && values.length > 0 ? await connection.runAndReadAll(sql, values) : await connection.runAndReadAll(sql);
      return reader.getRowObjectsJson() as T[];
    },
    appender: (schema, table) => connection.createAppender(table, schema),
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
