/** Events dated before their channel record's reception are set aside in staging, whatever the arrival order. */
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { openWarehouse } from "./duckdb.ts";
import { runPipeline } from "./run.ts";
import { createTestStore, type TestStore } from "./testing.ts";

let store: TestStore;
beforeEach(() => {
  store = createTestStore();
});
afterEach(() => store.dispose());

const run = (snapshot: string) =>
  runPipeline(
    { store: store.storeFile, warehouse: store.warehouseFile, snapshotAt: new Date(snapshot), full: false, sla: "calendar" },
    () => {},
  );

async function query<T = Record<string, unknown>>(sql: string): Promise<T[]> {
  const warehouse = await openWarehouse(store.warehouseFile);
  try {
    return await warehouse.rows<T>(sql);
  } finally {
    warehouse.close();
  }
}

describe("closure before reception, events extracted before their channel record", () => {
  test.each([
    [
      "web",
      "W-1",
      () => store.reports([{ channel: "web", source_id: "W-1", received_at: "2026-03-10T08:00:00Z", category_code: "nid_de_poule" }]),
    ],
    [
      "email",
      "<m1@exemple.invalid>",
      () =>
        store.contacts([
          { channel: "email", source_id: "<m1@exemple.invalid>", kind: "email_handled", received_at: "2026-03-10T08:00:00Z" },
        ]),
    ],
  ])("%s: quarantined with its reason, no negative delay, the report stays open", async (channel, ref, addChannelRecord) => {
    store.events([
      { origin_channel: channel, origin_ref: ref, event_type: "received", occurred_at: "2026-03-01T08:00:00Z" },
      { origin_channel: channel, origin_ref: ref, event_type: "closed", occurred_at: "2026-03-05T08:00:00Z", resolution_code: "REPARE" },
    ]);
    await run("2026-03-20T08:00:00Z");
    addChannelRecord();
    await run("2026-03-20T08:00:00Z");
    expect(await query("select report_key, event_type, reason from staging.stg_event_quarantine")).toEqual([
      { report_key: `${channel}:${ref}`, event_type: "closed", reason: "clôture antérieure à la réception" },
    ]);
    expect(await query("select received_at::varchar as r, first_closed_at, is_open from core.reports")).toEqual([
      { r: "2026-03-10 08:00:00+00", first_closed_at: null, is_open: true },
    ]);
    expect(await query("select count(*)::int as n from core.report_delays where t_centi < 0")).toEqual([{ n: 0 }]);
  });
});

describe("the quarantine table, rebuilt only for the reports with new rows", () => {
  test("a later run with other reports' rows keeps every earlier quarantined event once, and adds the new ones", async () => {
    store.reports([{ channel: "web", source_id: "W-1", received_at: "2026-03-10T08:00:00Z", category_code: "nid_de_poule" }]);
    store.events([{ origin_channel: "web", origin_ref: "W-1", event_type: "acknowledged", occurred_at: "2026-03-09T08:00:00Z" }]);
    await run("2026-03-20T08:00:00Z");
    // Second run: a new report whose earlier event is read first, and an event of another report, on time.
    store.events([
      { origin_channel: "web", origin_ref: "W-2", event_type: "closed", occurred_at: "2026-03-11T08:00:00Z", resolution_code: "REPARE" },
      { origin_channel: "web", origin_ref: "W-3", event_type: "acknowledged", occurred_at: "2026-03-13T08:00:00Z" },
    ]);
    store.reports([
      { channel: "web", source_id: "W-2", received_at: "2026-03-12T08:00:00Z", category_code: "nid_de_poule" },
      { channel: "web", source_id: "W-3", received_at: "2026-03-12T08:00:00Z", category_code: "nid_de_poule" },
    ]);
    await run("2026-03-21T08:00:00Z");
    expect(await query("select report_key, event_type, reason from staging.stg_event_quarantine order by report_key")).toEqual([
      { report_key: "web:W-1", event_type: "acknowledged", reason: "événement antérieur à la réception" },
      { report_key: "web:W-2", event_type: "closed", reason: "clôture antérieure à la réception" },
    ]);
  });
});
