import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { CliError } from "../errors.ts";
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

function run(snapshot: string, sla: SlaMode = "calendar") {
  return runPipeline({ store: store.storeFile, warehouse: store.warehouseFile, snapshotAt: new Date(snapshot), full: false, sla }, quiet);
}

async function query<T = Record<string, unknown>>(sql: string): Promise<T[]> {
  const warehouse = await openWarehouse(store.warehouseFile);
  try {
    return await warehouse.rows<T>(sql);
  } finally {
    warehouse.close();
  }
}

const report = (id: string, receivedAt: string, category = "nid_de_poule") => ({
  channel: "web",
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

describe("Kaplan–Meier delay to first closure", () => {
  test("median with censoring matches the hand-worked example", async () => {
    // Snapshot 2026-03-20T08:00Z; all VOIRIE (nid_de_poule), received in March 2026.
    // R1 closed after 2 d; R2 received 03-17, open → censored at 3 d; R3 closed after 4 d; R4 after 6 d;
    // R5 received 03-10, open → censored at 10 d.
    // t=2: at risk 5, 1 closure → S = 4/5 = 0.8; t=3 censored; t=4: at risk 3 → S = 0.8 × 2/3 = 0.5333;
    // t=6: at risk 2 → S = 0.5333 × 1/2 = 0.2667 ≤ 0.5 → median 6.00 (closed-only median would be 4);
    // S never ≤ 0.1 → p90 null.
    store.reports([
      report("R1", "2026-03-02T08:00:00Z"),
      report("R2", "2026-03-17T08:00:00Z"),
      report("R3", "2026-03-02T08:00:00Z"),
      report("R4", "2026-03-02T08:00:00Z"),
      report("R5", "2026-03-10T08:00:00Z"),
    ]);
    store.events([
      event("R1", "closed", "2026-03-04T08:00:00Z"),
      event("R3", "closed", "2026-03-06T08:00:00Z"),
      event("R4", "closed", "2026-03-08T08:00:00Z"),
    ]);
    await run("2026-03-20T08:00:00Z");
    const rows = await query(
      `select periode, code_service, n, n_clos, delai_median_jours, delai_p90_jours, n_accuses, delai_accuse_median_jours,
              nb_dans_les_delais, nb_en_cours_dans_les_delais, taux_dans_les_delais
       from marts.delais_par_service where periode = '2026-03' order by code_service`,
    );
    // R1, R3, R4 closed within 15 days; R2 (due 04-01) and R5 (due 03-25) open, not yet due → rate 3/3.
    const expected = {
      periode: "2026-03",
      n: 5,
      n_clos: 3,
      delai_median_jours: 6,
      delai_p90_jours: null,
      n_accuses: 0,
      delai_accuse_median_jours: null,
      nb_dans_les_delais: 3,
      nb_en_cours_dans_les_delais: 2,
      taux_dans_les_delais: 1,
    };
    expect(rows).toEqual([
      { ...expected, code_service: "VOIRIE" },
      { ...expected, code_service: "ensemble" },
    ]);
  });
});

describe("on-time rate, reopening, backlog", () => {
  // Snapshot 2026-05-10T00:00Z, all ECLAIRAGE (eclairage_en_panne), calendar days, due = received + 15 d.
  // A1 closed 04-10 ≤ due 04-16 → on time.           A2 closed 04-20 > due 04-16 → closed late.
  // A3 closed 04-05, reopened, closed 04-25 → on time by its FIRST closure.
  // A4 received 04-02, never closed, due 04-17 < snapshot → open overdue.
  // A5 received 04-30, due 05-15 > snapshot → open within deadline (left out of the rate).
  // A6 closed 04-06 (on time), reopened 04-09 and still open → on time; in the backlog, overdue.
  // rate = 3 / (3 + 1 + 1) = 0.6.
  beforeEach(() => {
    const c = "eclairage_en_panne";
    store.reports([
      report("A1", "2026-04-01T08:00:00Z", c),
      report("A2", "2026-04-01T08:00:00Z", c),
      report("A3", "2026-04-01T08:00:00Z", c),
      report("A4", "2026-04-02T08:00:00Z", c),
      report("A5", "2026-04-30T08:00:00Z", c),
      report("A6", "2026-04-03T08:00:00Z", c),
    ]);
    store.events([
      event("A1", "closed", "2026-04-10T08:00:00Z"),
      event("A2", "closed", "2026-04-20T08:00:00Z"),
      event("A3", "closed", "2026-04-05T08:00:00Z"),
      event("A3", "complaint", "2026-04-07T08:00:00Z"),
      event("A3", "reopened", "2026-04-08T08:00:00Z"),
      event("A3", "closed", "2026-04-25T08:00:00Z"),
      event("A6", "closed", "2026-04-06T08:00:00Z"),
      event("A6", "reopened", "2026-04-09T08:00:00Z"),
    ]);
  });

  test("the denominator counts closed late and open overdue, not open within deadline", async () => {
    await run("2026-05-10T00:00:00Z");
    const [row] = await query(
      `select n, nb_dans_les_delais, nb_hors_delais, nb_en_retard_ouverts, nb_en_cours_dans_les_delais, taux_dans_les_delais
       from marts.delais_par_service where periode = '2026-04' and code_service = 'ECLAIRAGE'`,
    );
    expect(row).toEqual({
      n: 6,
      nb_dans_les_delais: 3,
      nb_hors_delais: 1,
      nb_en_retard_ouverts: 1,
      nb_en_cours_dans_les_delais: 1,
      taux_dans_les_delais: 0.6,
    });
  });

  test("a reopened report keeps its first closure and counts as reopened", async () => {
    await run("2026-05-10T00:00:00Z");
    const reports = await query(
      `select report_key, strftime(first_closed_at, '%Y-%m-%d') as first_closed, strftime(last_closed_at, '%Y-%m-%d') as last_closed,
              is_reopened, has_complaint, current_stage
       from core.reports where report_key in ('web:A3', 'web:A6') order by report_key`,
    );
    expect(reports).toEqual([
      {
        report_key: "web:A3",
        first_closed: "2026-04-05",
        last_closed: "2026-04-25",
        is_reopened: true,
        has_complaint: true,
        current_stage: "closed",
      },
      {
        report_key: "web:A6",
        first_closed: "2026-04-06",
        last_closed: "2026-04-06",
        is_reopened: true,
        has_complaint: false,
        current_stage: "reopened",
      },
    ]);
    // closed (first closure reached): A1, A2, A3, A6 = 4; reopened A3, A6 = 2 → 0.5; complaints A3 = 1 → 0.25.
    const [feedback] = await query(
      `select nb_clos, nb_reouvertures, taux_reouverture, nb_reclamations, taux_reclamation
       from marts.retours_usagers where periode = '2026-04' and code_service = 'ECLAIRAGE'`,
    );
    expect(feedback).toEqual({ nb_clos: 4, nb_reouvertures: 2, taux_reouverture: 0.5, nb_reclamations: 1, taux_reclamation: 0.25 });
  });

  test("backlog at the snapshot by age bucket with overdue count", async () => {
    await run("2026-05-10T00:00:00Z");
    // Open: A4 age 05-10 00:00 − 04-02 08:00 = 37.67 d → 31-90, overdue; A6 36.67 d → 31-90, overdue (due 04-18);
    // A5 9.67 d → 8-15, not due before 05-15.
    const rows = await query("select code_service, code_quartier, tranche_anciennete, nb_en_cours, nb_en_retard from marts.stock_en_cours");
    expect(rows).toEqual([
      { code_service: "ECLAIRAGE", code_quartier: "non_localise", tranche_anciennete: "8_15_jours", nb_en_cours: 1, nb_en_retard: 0 },
      { code_service: "ECLAIRAGE", code_quartier: "non_localise", tranche_anciennete: "31_90_jours", nb_en_cours: 2, nb_en_retard: 2 },
    ]);
  });
});

describe("due dates", () => {
  test.each([
    // Received Thu 2026-03-19 09:00 Paris (08:00Z, CET). Working days: 15th working day after is Mon 2026-04-13
    // (Good Friday 04-03 and Easter Monday 04-06 skipped); 09:00 Paris is then CEST → 07:00Z.
    ["working", "2026-03-19T08:00:00Z", "2026-04-13T07:00:00Z"],
    // Calendar: 2026-03-20 09:00 CET + 15 days = 2026-04-04 09:00 CEST = 07:00Z (DST change on 03-29: 15 × 24 h − 1 h).
    ["calendar", "2026-03-20T08:00:00Z", "2026-04-04T07:00:00Z"],
    // Calendar, autumn: 2026-10-20 10:00 CEST (08:00Z) + 15 days = 2026-11-04 10:00 CET = 09:00Z.
    ["calendar", "2026-10-20T08:00:00Z", "2026-11-04T09:00:00Z"],
  ] as const)("%s: received %s → due %s", async (sla, receivedAt, dueAt) => {
    store.reports([report("D1", receivedAt)]);
    await run("2026-12-31T00:00:00Z", sla);
    const [row] = await query("select strftime(timezone('UTC', due_at), '%Y-%m-%dT%H:%M:%SZ') as due from core.reports");
    expect(row).toEqual({ due: dueAt });
  });

  test("a closure 30 min after the DST-correct due time is late (a naive 15 × 24 h would say on time)", async () => {
    store.reports([report("D2", "2026-03-20T08:00:00Z")]);
    store.events([event("D2", "closed", "2026-04-04T07:30:00Z")]);
    await run("2026-05-01T00:00:00Z");
    const [row] = await query("select sla_status from core.report_sla");
    expect(row).toEqual({ sla_status: "hors_delais" });
  });
});

describe("districts and origins", () => {
  test("district by point-in-polygon, else the record's district, else non_localise", async () => {
    store.reports([
      // Cathedral square, in the historic centre
      { ...report("G1", "2026-03-02T08:00:00Z"), lat: 48.5818, lon: 7.7509 },
      // Coordinates outside Strasbourg (Paris): the record's district is used
      { ...report("G2", "2026-03-02T08:00:00Z"), lat: 48.8566, lon: 2.3522, district_code: "meinau" },
      // Neither coordinates nor district
      report("G3", "2026-03-02T08:00:00Z"),
    ]);
    await run("2026-03-10T00:00:00Z");
    const rows = await query("select report_key, district_code from core.reports order by report_key");
    expect(rows).toEqual([
      { report_key: "web:G1", district_code: "strasbourg_centre" },
      { report_key: "web:G2", district_code: "meinau" },
      { report_key: "web:G3", district_code: "non_localise" },
    ]);
  });

  test("back-office-only reports are kept; flagged when their origin record is missing", async () => {
    store.contacts([
      {
        channel: "email",
        source_id: "<m1@example.org>",
        kind: "email_handled",
        received_at: "2026-03-03T07:00:00Z",
        category_code: "tag_graffiti",
      },
    ]);
    store.events([
      { origin_channel: "email", origin_ref: "<m1@example.org>", event_type: "acknowledged", occurred_at: "2026-03-03T09:00:00Z" },
      {
        origin_channel: "email",
        origin_ref: "<m2@example.org>",
        event_type: "routed",
        occurred_at: "2026-03-04T09:00:00Z",
        service_code: "VOIRIE",
      },
      { origin_channel: "web", origin_ref: "W9", event_type: "acknowledged", occurred_at: "2026-03-05T10:00:00Z" },
      { origin_channel: "web", origin_ref: "W9", event_type: "closed", occurred_at: "2026-03-06T10:00:00Z" },
    ]);
    await run("2026-03-10T00:00:00Z");
    const rows = await query(
      `select report_key, strftime(timezone('UTC', received_at), '%Y-%m-%dT%H:%M:%SZ') as received, category_code, service_code, is_origin_missing
       from core.reports order by report_key`,
    );
    expect(rows).toEqual([
      // reception and category from the handled email
      {
        report_key: "email:<m1@example.org>",
        received: "2026-03-03T07:00:00Z",
        category_code: "tag_graffiti",
        service_code: "PROPRETE",
        is_origin_missing: false,
      },
      // no email found: fallback category 'autre', routed service kept, received at its first event
      {
        report_key: "email:<m2@example.org>",
        received: "2026-03-04T09:00:00Z",
        category_code: "autre",
        service_code: "VOIRIE",
        is_origin_missing: true,
      },
      { report_key: "web:W9", received: "2026-03-05T10:00:00Z", category_code: "autre", service_code: "PROPRETE", is_origin_missing: true },
    ]);
  });
});

describe("latest event per report", () => {
  test("the later event wins, and at the same instant the one recorded last", async () => {
    store.reports([report("T1", "2026-03-02T08:00:00Z"), report("T2", "2026-03-02T08:00:00Z")]);
    store.events([
      // T1: routed then rerouted at the same instant: the rerouting (recorded last) gives the service.
      event("T1", "routed", "2026-03-03T08:00:00Z", { service_code: "VOIRIE" }),
      event("T1", "rerouted", "2026-03-03T08:00:00Z", { service_code: "PROPRETE" }),
      // T2: the rerouting happened later although recorded first; closed and reopened at the same instant.
      event("T2", "rerouted", "2026-03-04T08:00:00Z", { service_code: "ECLAIRAGE" }),
      event("T2", "routed", "2026-03-03T08:00:00Z", { service_code: "VOIRIE" }),
      event("T2", "closed", "2026-03-05T08:00:00Z"),
      event("T2", "reopened", "2026-03-05T08:00:00Z"),
    ]);
    await run("2026-03-10T00:00:00Z");
    const rows = await query("select report_key, service_code, current_stage, is_open from core.reports order by report_key");
    expect(rows).toEqual([
      { report_key: "web:T1", service_code: "PROPRETE", current_stage: "rerouted", is_open: true },
      { report_key: "web:T2", service_code: "ECLAIRAGE", current_stage: "reopened", is_open: true },
    ]);
  });
});

describe("contacts by channel", () => {
  test("emails, calls, work orders ('scheduled' events) and reports per month and channel", async () => {
    // March: 2 emails handled, 1 call handled; phone report T1 created and scheduled once (work order);
    // web report T2 created. April: 1 call handled.
    store.contacts([
      { channel: "email", source_id: "<c1@example.org>", kind: "email_handled", received_at: "2026-03-02T08:00:00Z" },
      { channel: "email", source_id: "<c2@example.org>", kind: "email_handled", received_at: "2026-03-03T08:00:00Z" },
      { channel: "phone", source_id: "A-1", kind: "call_handled", received_at: "2026-03-04T08:00:00Z" },
      // 2026-03-31T22:30Z is 1 April 00:30 in Paris: counted in April
      { channel: "phone", source_id: "A-2", kind: "call_handled", received_at: "2026-03-31T22:30:00Z" },
    ]);
    store.reports([{ ...report("T1", "2026-03-04T08:00:00Z"), channel: "phone" }, report("T2", "2026-03-05T08:00:00Z")]);
    store.events([{ ...event("T1", "scheduled", "2026-03-06T08:00:00Z", { planned_date: "2026-03-12" }), origin_channel: "phone" }]);
    await run("2026-04-10T00:00:00Z");
    const rows = await query("select mois, canal, type_contact, nb_contacts from marts.contacts_par_canal");
    expect(rows).toEqual([
      { mois: "2026-03", canal: "courriel", type_contact: "courriel", nb_contacts: 2 },
      { mois: "2026-03", canal: "telephone", type_contact: "appel", nb_contacts: 1 },
      { mois: "2026-03", canal: "telephone", type_contact: "intervention", nb_contacts: 1 },
      { mois: "2026-03", canal: "telephone", type_contact: "signalement", nb_contacts: 1 },
      { mois: "2026-03", canal: "web", type_contact: "signalement", nb_contacts: 1 },
      { mois: "2026-04", canal: "telephone", type_contact: "appel", nb_contacts: 1 },
    ]);
  });
});

describe("runs", () => {
  test("an incremental run extracts only the new rows; an idle run rebuilds nothing", async () => {
    store.reports([report("I1", "2026-03-02T08:00:00Z"), report("I2", "2026-03-03T08:00:00Z")]);
    store.events([event("I1", "closed", "2026-03-04T08:00:00Z")]);
    const first = await run("2026-03-10T00:00:00Z");
    expect(first.extracted).toEqual({ reports: 2, status_events: 1, contacts: 0 });
    store.reports([report("I3", "2026-03-05T08:00:00Z")]);
    store.events([event("I2", "closed", "2026-03-06T08:00:00Z")]);
    const second = await run("2026-03-10T00:00:00Z");
    expect(second).toMatchObject({ extracted: { reports: 1, status_events: 1, contacts: 0 }, rebuilt: true });
    const third = await run("2026-03-10T00:00:00Z");
    expect(third).toMatchObject({ extracted: { reports: 0, status_events: 0, contacts: 0 }, rebuilt: false });
    const [counts] = await query(
      "select (select count(*) from raw.reports)::int as raw_reports, (select count(*) from core.reports where first_closed_at is not null)::int as closed",
    );
    expect(counts).toEqual({ raw_reports: 3, closed: 2 });
  });

  test("a failing check fails the run with its name, and the previous build stays", async () => {
    store.reports([report("F1", "2026-03-02T08:00:00Z")]);
    await run("2026-03-10T00:00:00Z");
    store.events([event("F1", "routed", "2026-03-03T08:00:00Z", { service_code: "SERVICE_INCONNU" })]);
    const failure = run("2026-03-10T00:00:00Z");
    await expect(failure).rejects.toBeInstanceOf(CliError);
    await expect(failure).rejects.toThrow(
      "Contrôles de données en échec, entrepôt non mis à jour :\n  - services_known : 1 ligne(s) en échec — un service affecté est absent du référentiel des services",
    );
    const [row] = await query("select service_code from core.reports");
    expect(row).toEqual({ service_code: "VOIRIE" });
  });

  test("no personal column outside the private schema", async () => {
    store.reports([{ ...report("P1", "2026-03-02T08:00:00Z"), lat: 48.5818, lon: 7.7509, reporter_email: "habitant@example.org" }]);
    await run("2026-03-10T00:00:00Z");
    const columns = await query<{ c: string }>(
      "select distinct table_schema || '.' || column_name as c from information_schema.columns where table_schema <> 'private' order by c",
    );
    const names = columns.map((r) => r.c.split(".")[1]);
    for (const forbidden of [
      "lat",
      "lon",
      "address",
      "reporter_name",
      "reporter_email",
      "reporter_phone",
      "description",
      "agent",
      "comment",
      "sender",
      "subject",
      "body",
    ]) {
      expect(names).not.toContain(forbidden);
    }
    const [hashed] = await query<{ h: string }>("select reporter_hash as h from private.report_reporters");
    expect(hashed?.h).toMatch(/^[0-9a-f]{64}$/);
  });

  test.each([
    [undefined, "3.7 GiB"],
    ["1GiB", "1.0 GiB"],
    ["512MB", "488.2 MiB"],
  ])("memory limit %s reaches DuckDB as %s, spilling next to the warehouse", async (memoryLimit, shown) => {
    store.reports([report("M1", "2026-03-02T08:00:00Z")]);
    const lines: string[] = [];
    const options = { store: store.storeFile, warehouse: store.warehouseFile, snapshotAt: new Date("2026-03-10T00:00:00Z") };
    await runPipeline({ ...options, full: false, sla: "calendar", memoryLimit }, (line) => lines.push(line));
    expect(lines).toContain(`[run] mémoire DuckDB : limite ${shown}, débordement dans warehouse.duckdb.tmp`);
  });
});
