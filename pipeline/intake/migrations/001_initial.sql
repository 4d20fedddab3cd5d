-- Intake store, version 1: the system of record. Holds personal data; never published.
-- Times are UTC instants 'YYYY-MM-DDTHH:MM:SSZ'.

create table ingestion_runs (
  run_id integer primary key,
  source text not null,                 -- web | app | phone | email | backoffice | api
  file_name text not null,              -- base name only, never a full path
  file_sha256 text not null,
  started_at text not null,
  finished_at text,
  status text not null check (status in ('running', 'done', 'failed', 'dry_run')),
  n_read integer not null default 0,
  n_inserted integer not null default 0,
  n_present integer not null default 0,
  n_rejected integer not null default 0
);

-- One resident request as received by a channel (web/app request, phone call that created a report).
create table reports (
  report_id integer primary key,
  channel text not null,
  source_id text not null,              -- the channel's own id: request id, call number
  received_at text not null,
  category_code text not null,
  raw_category text,                    -- the label as the channel wrote it
  service_code text,
  lat real,
  lon real,
  district_code text,                   -- from the channel record when it has no coordinates
  address text,
  reporter_name text,
  reporter_email text,
  reporter_phone text,
  description text,
  media_url text,
  run_id integer references ingestion_runs (run_id),
  unique (channel, source_id)
);

-- Status events from the back-office export or the agent API. Linked to reports by
-- (origin_channel, origin_ref) = (reports.channel, reports.source_id), so an event that
-- arrives before its report is kept and joins once the report lands.
create table status_events (
  event_id integer primary key,
  source text not null,                 -- backoffice | api
  source_key text not null,             -- the source's own key of this event
  reference text not null,              -- back-office reference of the report
  origin_channel text not null,
  origin_ref text not null,
  event_type text not null,
  occurred_at text not null,
  service_code text,
  agent text,
  resolution_code text,
  planned_date text,
  complaint_reason text,
  comment text,
  run_id integer references ingestion_runs (run_id),
  unique (source, source_key)
);
create index status_events_origin on status_events (origin_channel, origin_ref);

-- Handled contacts that are not themselves reports: emails read, calls answered, work orders.
create table contacts (
  contact_id integer primary key,
  channel text not null,
  source_id text not null,              -- Message-ID, call number, work order id
  kind text not null check (kind in ('email_handled', 'call_handled', 'work_order')),
  received_at text not null,
  outcome text,
  category_code text,
  sender text,
  subject text,
  body text,
  run_id integer references ingestion_runs (run_id),
  unique (channel, source_id, kind)
);

-- Rows refused at the boundary, with where and why; raw keeps the line for the people who fix sources.
create table rejects (
  reject_id integer primary key,
  run_id integer references ingestion_runs (run_id),
  source text not null,
  file_name text not null,
  file_sha256 text not null,
  line integer not null,
  field text,
  reason text not null,
  raw text,
  has_personal_data integer not null default 1,
  unique (file_sha256, line)
);
