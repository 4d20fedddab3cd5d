import { afterEach, beforeEach, expect, test } from "vitest";
import { createLocator } from "../core/districts.ts";
import { loadReference } from "../reference.ts";
import { openWarehouse } from "./duckdb.ts";
import { extractStore } from "./extract.ts";
import { readSql } from "./models.ts";
import { createTestStore, type TestStore } from "./testing.ts";

let store: TestStore;
beforeEach(() => {
  store = createTestStore();
});
afterEach(() => store.dispose());

test.each([
  ["a plain value", "tag"],
  ["an empty string (not null)", ""],
  ["null", null],
  ["a comma", "a,b"],
  ["quotes", 'dit "urgent"'],
  ["line breaks", "ligne 1\nligne 2\r\nfin"],
  ["leading spaces and accents", "  réparé à l'identique"],
])("extraction keeps text exactly: %s", async (_label, value) => {
  store.events([
    {
      origin_channel: "web",
      origin_ref: value ?? "R1",
      event_type: "closed",
      occurred_at: "2026-03-02T08:00:00+01:00",
      resolution_code: value,
    },
  ]);
  const reference = loadReference();
  const warehouse = await openWarehouse(":memory:");
  try {
    await warehouse.run(readSql("warehouse.sql"));
    await extractStore(store.db, warehouse, createLocator(reference.districts, reference.communes));
    const rows = await warehouse.rows(
      "select origin_ref, resolution_code, report_key, strftime(timezone('UTC', occurred_at), '%Y-%m-%dT%H:%M:%S') as occurred_utc from raw.status_events",
    );
    expect(rows).toEqual([
      { origin_ref: value ?? "R1", resolution_code: value, report_key: `web:${value ?? "R1"}`, occurred_utc: "2026-03-02T07:00:00" },
    ]);
  } finally {
    warehouse.close();
  }
});

test("events read by the worker thread in several chunks give the same raw rows", async () => {
  const events = ["acknowledged", "routed", "scheduled", "in_progress", "closed"].map((type, i) => ({
    origin_channel: "web",
    origin_ref: `R${i % 2}`,
    event_type: type,
    occurred_at: `2026-03-0${i + 1}T08:00:00Z`,
    resolution_code: i === 4 ? 'a,"b"' : null,
  }));
  store.events(events);
  const reference = loadReference();
  const locator = createLocator(reference.districts, reference.communes);
  const read = async (chunkRows: number) => {
    const warehouse = await openWarehouse(":memory:");
    try {
      await warehouse.run(readSql("warehouse.sql"));
      const counts = await extractStore(store.db, warehouse, locator, () => {}, chunkRows);
      const rows = await warehouse.rows("select * exclude (event_id) from raw.status_events order by event_id");
      return { counts, rows };
    } finally {
      warehouse.close();
    }
  };
  const inWorker = await read(2);
  const inThread = await read(1000);
  expect(inWorker.counts.status_events).toBe(5);
  expect(JSON.stringify(inWorker.rows)).toBe(JSON.stringify(inThread.rows));
});
