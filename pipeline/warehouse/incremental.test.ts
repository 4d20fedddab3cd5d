import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { MODELS } from "../sql/models.ts";
import { openWarehouse } from "./duckdb.ts";
import { runPipeline } from "./run.ts";
import type { SlaMode } from "./sla.ts";
import { createTestStore, type TestStore } from "./testing.ts";

let store: TestStore;
beforeEach(() => {
  store = createTestStore();
});
afterEach(() => store.dispose());

const quiet = () => {};

function run(warehouse: string, snapshot: string, full: boolean, sla: SlaMode = "calendar") {
  return runPipeline({ store: store.storeFile, warehouse, snapshotAt: new Date(snapshot), full, sla }, quiet);
}

/** Every mart table, the core tables and the quarantine table, as sorted JSON rows. */
async function contents(file: string): Promise<Record<string, unknown[]>> {
  const warehouse = await openWarehouse(file);
  try {
    const out: Record<string, unknown[]> = {};
    const relations = ["staging.stg_event_quarantine", ...MODELS.filter((m) => m.layer !== "staging").map((m) => `${m.layer}.${m.name}`)];
    for (const relation of relations.filter((r) => r !== "core.report_scope")) {
      out[relation] = await warehouse.rows(`select * from ${relation} order by all`);
    }
    return out;
  } finally {
    warehouse.close();
  }
}

const report = (id: string, receivedAt: string, category = "nid_de_poule", channel = "web") => ({
  channel,
  source_id: id,
  received_at: receivedAt,
  category_code: category,
});
const event = (id: string, type: string, at: string, extra: Record<string, string> = {}) => ({
  origin_channel: "web",
  origin_ref: id,
  event_type: type,
  occurred_at: at,
  ...extra,
});

function seed(): void {
  store.reports([
    report("R1", "2026-03-02T08:00:00Z"),
    report("R2", "2026-03-05T08:00:00Z", "eclairage_en_panne"),
    { ...report("R3", "2026-03-06T08:00:00Z"), lat: 48.5818, lon: 7.7509, reporter_email: "habitant@example.org" },
    { ...report("R4", "2026-03-07T08:00:00Z", "tag_graffiti", "phone"), district_code: "meinau" },
  ]);
  store.events([
    event("R1", "acknowledged", "2026-03-02T09:00:00Z"),
    event("R1", "routed", "2026-03-02T10:00:00Z", { service_code: "VOIRIE" }),
    event("R1", "closed", "2026-03-08T10:00:00Z"),
    event("R2", "acknowledged", "2026-03-06T09:00:00Z"),
    // Already in the store at the first run, but after its snapshot: it enters at the second.
    event("R2", "closed", "2026-03-15T09:00:00Z"),
    event("R3", "scheduled", "2026-03-07T09:00:00Z", { planned_date: "2026-03-12" }),
  ]);
  store.contacts([
    {
      channel: "email",
      source_id: "<m1@example.org>",
      kind: "email_handled",
      received_at: "2026-03-03T07:00:00Z",
      category_code: "tag_graffiti",
    },
  ]);
}

function addOneDay(): void {
  store.reports([
    report("R5", "2026-03-12T08:00:00Z"),
    { ...report("R6", "2026-03-12T09:00:00Z"), lat: 48.5818, lon: 7.7509, reporter_email: "habitant@example.org" },
  ]);
  store.events([
    event("R1", "reopened", "2026-03-12T09:00:00Z"),
    event("R3", "closed", "2026-03-12T10:00:00Z"),
    event("R5", "acknowledged", "2026-03-12T11:00:00Z"),
    {
      origin_channel: "email",
      origin_ref: "<m1@example.org>",
      event_type: "routed",
      occurred_at: "2026-03-12T12:00:00Z",
      service_code: "PROPRETE",
    },
    { origin_channel: "email", origin_ref: "<m2@example.org>", event_type: "acknowledged", occurred_at: "2026-03-12T12:00:00Z" },
  ]);
  store.contacts([
    {
      channel: "email",
      source_id: "<m2@example.org>",
      kind: "email_handled",
      received_at: "2026-03-11T07:00:00Z",
      category_code: "nid_de_poule",
    },
  ]);
}

describe("incremental runs give exactly the marts of a full rebuild", () => {
  test.each([
    ["the snapshot moves forward past an already extracted event", "2026-03-10T00:00:00Z", "2026-03-20T00:00:00Z"],
    ["the snapshot moves back before some rows", "2026-03-20T00:00:00Z", "2026-03-06T12:00:00Z"],
    ["the snapshot stays", "2026-03-20T00:00:00Z", "2026-03-20T00:00:00Z"],
  ])("%s", async (_label, first, second) => {
    const fullFile = path.join(store.dir, "full.duckdb");
    seed();
    await run(store.warehouseFile, first, false);
    addOneDay();
    await run(store.warehouseFile, second, false);
    await run(fullFile, second, true);
    const incremental = await contents(store.warehouseFile);
    const full = await contents(fullFile);
    expect(Object.keys(incremental).length).toBeGreaterThan(10);
    for (const relation of Object.keys(full)) expect({ relation, rows: incremental[relation] }).toEqual({ relation, rows: full[relation] });
  });

  test("periods of older months are kept while young open reports and new closures move the others", async () => {
    const fullFile = path.join(store.dir, "full.duckdb");
    seed();
    // January: one closed, one open for long (censored past the horizon), one closed very late (after the
    // first snapshots: it moves the horizon). February, untouched after the first run: F2 closed after 24
    // days; F1 still open, censored before 24 days at the first snapshots and after it at the last one,
    // which changes February's closure delays (p90 no longer reached) though no February report changed.
    store.reports([
      report("J1", "2026-01-05T08:00:00Z"),
      report("J2", "2026-01-06T08:00:00Z", "eclairage_en_panne"),
      report("J3", "2026-01-07T08:00:00Z"),
      report("F1", "2026-02-20T08:00:00Z"),
      report("F2", "2026-02-01T08:00:00Z"),
    ]);
    store.events([
      event("J1", "acknowledged", "2026-01-05T10:00:00Z"),
      event("J1", "closed", "2026-01-09T10:00:00Z"),
      event("J2", "acknowledged", "2026-01-07T08:00:00Z"),
      event("J3", "closed", "2026-03-15T08:00:00Z"),
      event("F1", "acknowledged", "2026-02-21T08:00:00Z"),
      event("F2", "acknowledged", "2026-02-01T10:00:00Z"),
      event("F2", "closed", "2026-02-25T08:00:00Z"),
    ]);
    await run(store.warehouseFile, "2026-03-01T00:00:00Z", false);
    await run(store.warehouseFile, "2026-03-04T00:00:00Z", false);
    addOneDay();
    await run(store.warehouseFile, "2026-03-20T00:00:00Z", false);
    await run(fullFile, "2026-03-20T00:00:00Z", true);
    const incremental = await contents(store.warehouseFile);
    const full = await contents(fullFile);
    expect(full["marts.int_delais_km"]).toContainEqual(
      expect.objectContaining({ axe: "ensemble", periode: "2026-02", delay_type: "cloture", median_days: 24, p90_days: null }),
    );
    for (const relation of Object.keys(full)) expect({ relation, rows: incremental[relation] }).toEqual({ relation, rows: full[relation] });
  });

  test("a change of SLA mode recomputes every report", async () => {
    const fullFile = path.join(store.dir, "full.duckdb");
    seed();
    await run(store.warehouseFile, "2026-03-20T00:00:00Z", false, "calendar");
    await run(store.warehouseFile, "2026-03-20T00:00:00Z", false, "working");
    await run(fullFile, "2026-03-20T00:00:00Z", true, "working");
    expect(await contents(store.warehouseFile)).toEqual(await contents(fullFile));
  });

  test("a missing core table is rebuilt whole", async () => {
    const fullFile = path.join(store.dir, "full.duckdb");
    seed();
    await run(store.warehouseFile, "2026-03-10T00:00:00Z", false);
    const warehouse = await openWarehouse(store.warehouseFile);
    await warehouse.run("drop table core.reports");
    warehouse.close();
    addOneDay();
    await run(store.warehouseFile, "2026-03-20T00:00:00Z", false);
    await run(fullFile, "2026-03-20T00:00:00Z", true);
    expect(await contents(store.warehouseFile)).toEqual(await contents(fullFile));
  });
});
