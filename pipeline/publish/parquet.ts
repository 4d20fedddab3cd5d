import { DuckDBDateValue, DuckDBInstance } from "@duckdb/node-api";
import type { Row } from "./rows.ts";
import type { TableSchemaField } from "./tableSchema.ts";

const SQL_TYPE: Record<TableSchemaField["type"], string> = {
  string: "VARCHAR",
  integer: "BIGINT",
  number: "DOUBLE",
  boolean: "BOOLEAN",
  date: "DATE",
  datetime: "TIMESTAMP",
};

/** One Parquet file to write: the table's rows typed by its Table Schema fields. */
export interface ParquetJob {
  name: string;
  file: string;
  fields: TableSchemaField[];
  rows: Row[];
}

const ident = (name: string): string => {
  if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`nom de colonne ou de table invalide : ${name}`);
  return `"${name}"`;
};

/**
 * Writes Parquet files with an in-memory DuckDB (one thread, so bytes are stable): rows go in through
 * the appender (values bound, never spliced), then `COPY … TO` the target file.
 */
export async function writeParquetFiles(jobs: ParquetJob[]): Promise<void> {
  const instance = await DuckDBInstance.create(":memory:", { threads: "1", autoinstall_known_extensions: "false" });
  const connection = await instance.connect();
  try {
    for (const job of jobs) {
      const columns = job.fields.map((f) => `${ident(f.name)} ${SQL_TYPE[f.type]}`).join(", ");
      await connection.run(`CREATE TABLE ${ident(job.name)} (${columns})`);
      const appender = await connection.createAppender(job.name);
      for (const row of job.rows) {
        for (const field of job.fields) {
          const value = row[field.name];
          if (value === null || value === undefined) appender.appendNull();
          else if (field.type === "integer") appender.appendBigInt(BigInt(value as number));
          else if (field.type === "number") appender.appendDouble(value as number);
          else if (field.type === "boolean") appender.appendBoolean(value as boolean);
          else if (field.type === "date") {
            const [year, month, day] = String(value).split("-").map(Number);
            appender.appendDate(DuckDBDateValue.fromParts({ year: year ?? 0, month: month ?? 0, day: day ?? 0 }));
          } else appender.appendVarchar(String(value));
        }
        appender.endRow();
      }
      appender.closeSync();
      const target = job.file.replaceAll("'", "''");
      await connection.run(`COPY ${ident(job.name)} TO '${target}' (FORMAT parquet, COMPRESSION zstd)`);
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
