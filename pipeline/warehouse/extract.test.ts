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
      const counts = await extractStore(store.db, warehouse, locator, () => {}, { chunkRows });
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

test("reports read by the worker thread in several chunks give the same raw and private rows", async () => {
  const reference = loadReference();
  const emails = ["Anne.Exemple@example.org", " anne.exemple@EXAMPLE.org ", null, "hélène@example.org"];
  store.reports(
    Array.from({ length: 11 }, (_, i) => ({
      channel: i % 3 === 0 ? "app" : "web",
      source_id: i === 4 ? 'R,"4"' : `R${i}`,
      received_at: `2026-03-0${(i % 9) + 1}T08:00:00Z`,
      category_code: "nid_de_poule",
      // Central Strasbourg, a point far outside the metropolis, and no coordinates.
      lat: i % 4 === 3 ? null : i % 4 === 2 ? 45.0 : 48.5819 + i * 0.001,
      lon: i % 4 === 3 ? null : i % 4 === 2 ? 2.0 : 7.7507,
      district_code: i % 4 === 3 ? "neudorf" : null,
      reporter_email: emails[i % emails.length] ?? null,
    })),
  );
  const locator = createLocator(reference.districts, reference.communes);
  const read = async (options: Parameters<typeof extractStore>[4]) => {
    const warehouse = await openWarehouse(":memory:");
    try {
      await warehouse.run(readSql("warehouse.sql"));
      const counts = await extractStore(store.db, warehouse, locator, () => {}, options);
      const all = (sql: string) => warehouse.rows(sql);
      return {
        counts,
        reports: await all("select * from raw.reports order by report_id"),
        locations: await all("select * from private.report_locations order by report_key"),
        reporters: await all("select * from private.report_reporters order by report_key"),
      };
    } finally {
      warehouse.close();
    }
  };
  const inWorker = await read({ reportChunkRows: 3, areas: reference });
  const inThread = await read({});
  expect(inWorker.counts.reports).toBe(11);
  // 11 reports: two without coordinates (i = 3, 7), three without an address (i = 2, 6, 10), and the first
  // two addresses are one once normalised.
  expect(inThread.locations).toHaveLength(9);
  expect(inThread.reporters).toHaveLength(8);
  expect(new Set(inThread.reporters.map((r) => r.reporter_hash)).size).toBe(2);
  expect(JSON.stringify(inWorker)).toBe(JSON.stringify(inThread));
});
