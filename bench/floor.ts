/**
 * The DuckDB floor of the marts: materializes bench/floor.sql (the headline aggregates in one pass over
 * core.reports) on a built warehouse, three times, and prints the best time as JSON on stdout.
 * Usage: tsx bench/floor.ts <warehouse.duckdb>
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openWarehouse } from "../pipeline/warehouse/duckdb.ts";

const file = process.argv[2];
if (!file) throw new Error("usage : tsx bench/floor.ts <entrepôt.duckdb>");
const sql = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "floor.sql"), "utf8");
const warehouse = await openWarehouse(file);
try {
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    // Materialized like the marts, so that no aggregate is pruned as unused.
    await warehouse.run(`create or replace temp table bench_floor as\n${sql}`);
    times.push(performance.now() - started);
    const [row] = await warehouse.rows<{ n: number }>("select cast(count(*) as integer) as n from bench_floor");
    rows = row?.n ?? 0;
  }
  const [count] = await warehouse.rows<{ n: number }>("select cast(count(*) as integer) as n from core.reports");
  process.stdout.write(`${JSON.stringify({ ms: Math.min(...times), rows, reports: count?.n ?? 0 })}\n`);
} finally {
  warehouse.close();
}
