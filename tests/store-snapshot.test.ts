/**
 * The pipeline reads a consistent snapshot of the intake store while an ingest writer is active:
 * WAL mode lets the reader go on without waiting, and rows not yet committed are not extracted.
 */
import Database from "better-sqlite3";
import { afterEach, beforeEach, expect, test } from "vitest";
import { runPipeline } from "../pipeline/warehouse/run.ts";
import { createTestStore, type TestStore } from "../pipeline/warehouse/testing.ts";

let store: TestStore;
beforeEach(() => {
  store = createTestStore();
});
afterEach(() => store.dispose());

const run = () =>
  runPipeline(
    { store: store.storeFile, warehouse: store.warehouseFile, snapshotAt: new Date("2026-03-01T00:00:00Z"), full: false, sla: "calendar" },
    () => {},
  );

test("a run during an open write transaction extracts only committed rows, and the next run picks up the rest", async () => {
  store.reports([{ channel: "web", source_id: "W-1", received_at: "2026-02-02T10:00:00Z", category_code: "nid_de_poule" }]);
  const writer = new Database(store.storeFile);
  writer.pragma("busy_timeout = 0");
  writer.exec("begin immediate");
  writer
    .prepare(
      "insert into reports (channel, source_id, received_at, category_code) values ('web', 'W-2', '2026-02-03T10:00:00Z', 'nid_de_poule')",
    )
    .run();
  const first = await run();
  expect(first.extracted.reports).toBe(1);
  writer.exec("commit");
  writer.close();
  const second = await run();
  expect(second.extracted.reports).toBe(1);
});
