/**
 * A synthetic warehouse of realistic shape, filled in DuckDB itself with range() (a few seconds for
 * 200 k reports): channel records, handled emails that become back-office reports, about five status
 * events per report, handled calls and work orders. For query-plan tests, not for statistics.
 */
import type { ReferenceData } from "../reference.ts";
import type { Warehouse } from "./duckdb.ts";
import { readSql } from "./models.ts";
import { loadReferenceTables } from "./reference.ts";

/** Size and time span of the synthetic data. */
export interface SyntheticOptions {
  reports: number;
  /** Last instant of the data, also the snapshot; reports spread over the two years before. */
  snapshotAt: Date;
}

/** Creates the warehouse layout and fills raw, ref and meta.run_parameters; models are left to the caller. */
export async function fillSyntheticWarehouse(warehouse: Warehouse, reference: ReferenceData, options: SyntheticOptions): Promise<void> {
  await warehouse.run(readSql("warehouse.sql"));
  const end = options.snapshotAt.toISOString();
  const lastDay = end.slice(0, 10);
  const firstDay = new Date(options.snapshotAt.getTime() - 731 * 86_400_000).toISOString().slice(0, 10);
  await loadReferenceTables(warehouse, reference, { mode: "calendar", firstDay, lastDay });
  const n = options.reports;
  // One report in five arrives by email: a handled email plus back-office events, no channel record.
  await warehouse.run(
    `create or replace temp table synthetic_reports as
     select i,
       case when i % 5 = 4 then 'email' else ['web', 'app', 'phone'][1 + i % 3] end as channel,
       printf('S%09d', i) as source_id,
       cast($1 as timestamptz) - to_seconds(cast(hash(i) % (730 * 86400) as bigint)) as received_at,
       (select list(code order by code) from ref.categories) as categories,
       (select list(code order by code) from ref.services) as services,
       (select list(code order by code) from ref.districts) as districts
     from range(${n}) as t(i)`,
    [end],
  );
  await warehouse.run(
    `insert into raw.reports
     select i, channel || ':' || source_id, channel, source_id, received_at,
       categories[1 + cast(hash(i, 'c') % len(categories) as bigint)], null, districts[1 + cast(hash(i, 'd') % len(districts) as bigint)]
     from synthetic_reports where channel <> 'email'`,
  );
  await warehouse.run(
    `insert into raw.contacts
     select i, channel, source_id, 'email_handled', received_at, 'report_created', categories[1 + cast(hash(i, 'c') % len(categories) as bigint)]
     from synthetic_reports where channel = 'email'
     union all
     select ${n} + i, 'phone', 'C' || source_id, 'call_handled', received_at, 'report_created', null
     from synthetic_reports where channel = 'phone'
     union all
     select ${2 * n} + i, 'backoffice', 'W' || source_id, 'work_order', received_at + interval 3 day, null, null
     from synthetic_reports where i % 4 = 0`,
  );
  // Events: acknowledged, routed, scheduled, in_progress, closed; the last ones only for older reports.
  await warehouse.run(
    `insert into raw.status_events
     select row_number() over (order by r.i, s.k), r.channel || ':' || r.source_id, 'BO-' || r.source_id, r.channel, r.source_id,
       ['acknowledged', 'routed', 'scheduled', 'in_progress', 'closed'][s.k + 1],
       r.received_at + to_seconds(3600 * (1 + s.k) * (1 + cast(hash(r.i, 'e') % 96 as bigint))),
       case when s.k = 1 then r.services[1 + cast(hash(r.i, 's') % len(r.services) as bigint)] end,
       case when s.k = 4 then 'repaired' end,
       case when s.k = 2 then cast(r.received_at + interval 10 day as date) end,
       null
     from synthetic_reports as r, range(5) as s(k)
     where s.k < 3 or hash(r.i, 'o') % 10 < 8`,
  );
  await warehouse.run("delete from meta.run_parameters");
  await warehouse.run("insert into meta.run_parameters values (cast($1 as timestamptz), 'calendar')", [end]);
  await warehouse.run("drop table synthetic_reports");
}
