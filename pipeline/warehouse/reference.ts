/** Loads the reference data (taxonomy, services, districts, SLA calendar) into the warehouse `ref` schema. */
import type { ReferenceData } from "../reference.ts";
import type { Warehouse } from "./duckdb.ts";
import { addDays, alsaceMoselleHolidays, type SlaMode, slaCalendar } from "./sla.ts";

async function replaceTable(warehouse: Warehouse, ddl: string, table: string, rows: (string | null)[][]): Promise<void> {
  await warehouse.run(`create or replace table ref.${table} (${ddl})`);
  const appender = await warehouse.appender("ref", table);
  for (const row of rows) {
    for (const value of row) {
      if (value === null) appender.appendNull();
      else appender.appendVarchar(value);
    }
    appender.endRow();
  }
  appender.closeSync();
}

/**
 * Replaces the ref tables. The SLA calendar covers every reception day from `firstDay` to the snapshot
 * day (Europe/Paris), with holidays of the years spanned plus the next one.
 */
export async function loadReferenceTables(
  warehouse: Warehouse,
  reference: ReferenceData,
  sla: { mode: SlaMode; firstDay: string; lastDay: string },
): Promise<void> {
  const { taxonomy, services, districts } = reference;
  const groups = new Map(taxonomy.groups.map((g) => [g.code, g.label]));
  await replaceTable(warehouse, "fallback_category varchar not null", "taxonomy", [[taxonomy.fallback_category]]);
  await replaceTable(
    warehouse,
    "code varchar primary key, label varchar, group_code varchar, group_label varchar, default_service varchar, privacy_class varchar",
    "categories",
    taxonomy.categories.map((c) => [c.code, c.label, c.group, groups.get(c.group) ?? null, c.default_service, c.privacy_class]),
  );
  await replaceTable(
    warehouse,
    "code varchar primary key, label varchar, division varchar",
    "services",
    services.services.map((s) => [s.code, s.label, s.division]),
  );
  await replaceTable(
    warehouse,
    "code varchar primary key",
    "districts",
    districts.features.map((f) => [f.properties.code]),
  );
  const firstYear = Number(sla.firstDay.slice(0, 4));
  const lastYear = Number(sla.lastDay.slice(0, 4)) + 1;
  const years = Array.from({ length: lastYear - firstYear + 1 }, (_, i) => firstYear + i);
  const calendar = slaCalendar(sla.firstDay, addDays(sla.lastDay, 1), sla.mode, alsaceMoselleHolidays(years));
  await replaceTable(
    warehouse,
    "jour varchar, jour_echeance varchar",
    "sla_calendar_text",
    calendar.map((r) => [r.jour, r.jour_echeance]),
  );
  await warehouse.run(
    "create or replace table ref.sla_calendar as select cast(jour as date) as jour, cast(jour_echeance as date) as jour_echeance from ref.sla_calendar_text",
  );
  await warehouse.run("drop table ref.sla_calendar_text");
}
