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

/**
 * Opens (or creates) a DuckDB warehouse file, or an in-memory one with ":memory:".
 * Extensions are never downloaded: a missing one fails fast instead of reaching the network.
 */
export async function openWarehouse(file: string): Promise<Warehouse> {
  const instance = await DuckDBInstance.create(file, { autoinstall_known_extensions: "false", autoload_known_extensions: "true" });
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
