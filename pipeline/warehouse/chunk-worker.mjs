// @ts-check
/**
 * Worker thread of the extraction: runs the chunk query of one source table on its own read-only
 * connection to the intake store and writes each chunk (CSV text formatted by SQLite) to a file, so that
 * the main thread meanwhile reads the reports and DuckDB loads the chunks already written.
 * workerData: { storeFile, sql, after, upTo, chunkRows, dir, table }; posts { file, rows, last }, then { done: true }.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";

const { storeFile, sql, after, upTo, chunkRows, dir, table } = workerData;
const db = new Database(storeFile, { readonly: true, fileMustExist: true });
try {
  const chunk = db.prepare(sql);
  let max = after;
  for (let part = 0; ; part += 1) {
    const row = /** @type {{ n: number, last: number | null, text: Buffer | null }} */ (chunk.get(max, upTo, chunkRows));
    if (row.n === 0 || row.last === null || row.text === null) break;
    const file = path.join(dir, `${table}-${part}.csv`);
    writeFileSync(file, row.text);
    parentPort?.postMessage({ file, rows: row.n, last: row.last });
    max = row.last;
  }
} finally {
  db.close();
}
parentPort?.postMessage({ done: true });
