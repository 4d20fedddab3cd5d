import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { openWarehouse, type Warehouse } from "./duckdb.ts";
import { buildModel } from "./models.ts";
import { LAYOUT_VERSION, runPipeline } from "./run.ts";
import { createTestStore, type TestStore } from "./testing.ts";

let store: TestStore;
beforeEach(() => {
  store = createTestStore();
  store.reports([{ channel: "web", source_id: "R1", received_at: "2026-03-02T08:00:00Z", category_code: "nid_de_poule" }]);
  store.events([{ origin_channel: "web", origin_ref: "R1", event_type: "closed", occurred_at: "2026-03-03T08:00:00Z" }]);
});
afterEach(() => store.dispose());

const quiet = () => {};

function run(full = false, log: (line: string) => void = quiet) {
  return runPipeline(
    { store: store.storeFile, warehouse: store.warehouseFile, snapshotAt: new Date("2026-03-20T00:00:00Z"), full, sla: "calendar" },
    log,
  );
}

async function withWarehouse<T>(work: (warehouse: Warehouse) => Promise<T>): Promise<T> {
  const warehouse = await openWarehouse(store.warehouseFile);
  try {
    return await work(warehouse);
  } finally {
    warehouse.close();
  }
}

const kindOf = (warehouse: Warehouse, schema: string, name: string) =>
  warehouse.rows<{ table_type: string }>("select table_type from information_schema.tables where table_schema = $1 and table_name = $2", [
    schema,
    name,
  ]);

describe("warehouse layout version", () => {
  test("a first run records the layout version and a second run keeps the warehouse", async () => {
    await run();
    const lines: string[] = [];
    const second = await run(false, (line) => lines.push(line));
    expect(second.rebuilt).toBe(false);
    expect(lines.some((line) => line.includes("autre format"))).toBe(false);
    const rows = await withWarehouse((w) => w.rows<{ version: number }>("select version from meta.layout_version"));
    expect(rows).toEqual([{ version: LAYOUT_VERSION }]);
  });

  test("a warehouse of older code (report_sla a table, no version) is rebuilt in full", async () => {
    await run();
    await withWarehouse(async (w) => {
      await w.run("drop table meta.layout_version");
      await w.run("drop view core.report_sla");
      await w.run("create table core.report_sla as select 1 as stale");
      await w.run("create table marts.obsolete as select 1 as stale");
    });
    const lines: string[] = [];
    const summary = await run(false, (line) => lines.push(line));
    expect(lines).toContain("[run] entrepôt d'un autre format : reconstruction complète");
    expect(summary.extracted).toEqual({ reports: 1, status_events: 1, contacts: 0 });
    await withWarehouse(async (w) => {
      expect(await kindOf(w, "core", "report_sla")).toEqual([{ table_type: "VIEW" }]);
      expect(await kindOf(w, "marts", "obsolete")).toEqual([]);
      expect(await w.rows("select sla_status from core.report_sla")).toEqual([{ sla_status: "dans_les_delais" }]);
      expect(await w.rows<{ version: number }>("select version from meta.layout_version")).toEqual([{ version: LAYOUT_VERSION }]);
    });
  });

  test("a different recorded version is rebuilt in full", async () => {
    await run();
    await withWarehouse((w) => w.run("update meta.layout_version set version = $1", [LAYOUT_VERSION - 1]));
    const summary = await run();
    expect(summary.rebuilt).toBe(true);
    expect(summary.extracted.reports).toBe(1);
  });
});

describe("buildModel changes a relation's kind", () => {
  test.each([
    ["a table becomes a view", "table", "view", "VIEW"],
    ["a view becomes a table", "view", "table", "BASE TABLE"],
  ] as const)("%s", async (_label, before, after, expected) => {
    const warehouse = await openWarehouse(":memory:");
    try {
      await warehouse.run("create schema core; create schema meta");
      await warehouse.run("create table meta.run_parameters (snapshot_at timestamptz, sla_mode varchar)");
      await warehouse.run("create table core.reports (received_month date)");
      await warehouse.run(`create ${before} core.periods as select 1 as stale`);
      await buildModel(warehouse, { layer: "core", name: "periods", materialized: after });
      expect(await kindOf(warehouse, "core", "periods")).toEqual([{ table_type: expected }]);
    } finally {
      warehouse.close();
    }
  });
});
