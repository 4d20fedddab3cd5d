-- Warehouse layout: what extraction and reference loading write; models are built on top.
-- raw: rows extracted from the intake store, personal columns left behind; times typed and the report
-- key computed once at extraction, so that later builds neither re-parse nor re-concatenate them.
-- private: the only place for coordinates and hashed reporter identities; never exported as is.
create schema if not exists raw;
create schema if not exists private;
create schema if not exists ref;
create schema if not exists meta;
create schema if not exists staging;
create schema if not exists core;
create schema if not exists marts;

-- Grain: one row per channel record (reports row of the store).
create table if not exists raw.reports (
  report_id bigint not null,
  report_key varchar not null,
  channel varchar not null,
  source_id varchar not null,
  received_at timestamptz not null,
  category_code varchar not null,
  service_code varchar,
  district_code varchar
);

-- Grain: one row per status event.
create table if not exists raw.status_events (
  event_id bigint not null,
  report_key varchar not null,
  reference varchar not null,
  origin_channel varchar not null,
  origin_ref varchar not null,
  event_type varchar not null,
  occurred_at timestamptz not null,
  service_code varchar,
  resolution_code varchar,
  planned_date date,
  complaint_reason varchar
);

-- Grain: one row per handled contact.
create table if not exists raw.contacts (
  contact_id bigint not null,
  channel varchar not null,
  source_id varchar not null,
  kind varchar not null,
  received_at timestamptz not null,
  outcome varchar,
  category_code varchar
);

-- Grain: one row per located channel record.
create table if not exists private.report_locations (
  report_key varchar not null,
  lat double not null,
  lon double not null
);

-- Grain: one row per channel record with a known reporter (hash of the normalised identity).
create table if not exists private.report_reporters (
  report_key varchar not null,
  reporter_hash varchar not null
);

-- Grain: one row per source table of the store: the highest rowid already extracted.
create table if not exists meta.watermarks (
  source_table varchar primary key,
  max_rowid bigint not null
);

-- Grain: one row, the parameters of the current build.
create table if not exists meta.run_parameters (
  snapshot_at timestamptz not null,
  sla_mode varchar not null
);

-- Grain: one row, what the incremental core tables were last built from: the snapshot, SLA mode and
-- reference data, and the watermarks then. Absent after a reset: the next build recomputes every report.
create table if not exists meta.core_state (
  snapshot_at timestamptz not null,
  sla_mode varchar not null,
  reference_hash varchar not null,
  reports_rowid bigint not null,
  status_events_rowid bigint not null,
  contacts_rowid bigint not null
);

-- Grain: one row per reception month of core.reports at the last build, with its report count: a
-- month whose count changes has lost a report (see core/changed_months.sql).
create table if not exists meta.month_counts (
  received_month date not null,
  n bigint not null
);

-- Grain: one row, the layout version of the warehouse (tables, views and their kinds) written by the
-- code; a different version makes the next run rebuild everything (see pipeline/warehouse/run.ts).
create table if not exists meta.layout_version (
  version integer not null
);
