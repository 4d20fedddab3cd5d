-- Statements of the intake store adapter (store.ts), one per `-- name:` block; values are bound, never spliced.

-- name: insertRun
insert into ingestion_runs (source, file_name, file_sha256, started_at, status)
values (@source, @file_name, @file_sha256, @started_at, 'running');

-- name: markInterrupted
update ingestion_runs set status = 'failed', finished_at = @finished_at
where file_sha256 = @file_sha256 and status = 'running';

-- name: beginBatch
begin immediate;

-- name: commitBatch
commit;

-- name: rollbackBatch
rollback;

-- name: updateRun
update ingestion_runs
set n_read = @n_read, n_inserted = @n_inserted, n_present = @n_present, n_rejected = @n_rejected
where run_id = @run_id;

-- name: finishRun
update ingestion_runs
set status = @status, finished_at = @finished_at,
    n_read = @n_read, n_inserted = @n_inserted, n_present = @n_present, n_rejected = @n_rejected
where run_id = @run_id;

-- name: insertReport
-- Positional parameters (bound from an array on the hot path), in the order of the column list.
insert or ignore into reports (
  channel, source_id, received_at, category_code, raw_category, service_code, lat, lon, district_code,
  address, reporter_name, reporter_email, reporter_phone, description, media_url, run_id
) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- name: reportRun
select run_id from reports where channel = ? and source_id = ?;

-- name: markSeen
insert or ignore into temp.ingest_seen (k) values (?);

-- name: forgetSeen
delete from temp.ingest_seen;

-- name: insertContact
-- Positional parameters, in the order of the column list.
insert or ignore into contacts (channel, source_id, kind, received_at, outcome, category_code, sender, subject, body, run_id)
values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- name: contactRun
select run_id from contacts where channel = ? and source_id = ? and kind = ?;

-- name: insertEvent
-- Positional parameters, in the order of the column list.
insert or ignore into status_events (
  source, source_key, reference, origin_channel, origin_ref, event_type, occurred_at, service_code, agent,
  resolution_code, planned_date, complaint_reason, comment, run_id, line
) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- name: eventRun
select run_id from status_events where source = ? and source_key = ?;

-- name: insertReject
insert or ignore into rejects (run_id, source, file_name, file_sha256, line, field, reason, raw, has_personal_data)
values (@run_id, @source, @file_name, @file_sha256, @line, @field, @reason, @raw, 1);

-- name: reportReceivedAt
select received_at from reports where channel = ? and source_id = ?;

-- name: eventReceivedAt
select min(occurred_at) as received_at from status_events
where origin_channel = ? and origin_ref = ? and event_type = 'received';

-- name: contactReceivedAt
select received_at from contacts where channel = ? and source_id = ? and kind = 'email_handled';

-- name: reportStored
-- The stored content, in the order of insertReport's columns (run_id excepted), to spot a conflicting re-ingest.
select channel, source_id, received_at, category_code, raw_category, service_code, lat, lon, district_code,
  address, reporter_name, reporter_email, reporter_phone, description, media_url
from reports where channel = ? and source_id = ?;

-- name: contactStored
select channel, source_id, kind, received_at, outcome, category_code, sender, subject, body
from contacts where channel = ? and source_id = ? and kind = ?;

-- name: eventStored
select source, source_key, reference, origin_channel, origin_ref, event_type, occurred_at, service_code, agent,
  resolution_code, planned_date, complaint_reason, comment
from status_events where source = ? and source_key = ?;

-- name: creationKey
-- The back-office key of the reference's `Création`, if one is stored (partial index status_events_creation).
select source_key from status_events where reference = ? and event_type = 'received' limit 1;

-- name: eventsBeforeReception
-- Lifecycle events of a channel record dated before its reception (the record arrived after them).
select e.event_id, e.event_type, e.line, e.run_id, e.source, r.file_name, r.file_sha256
from status_events e join ingestion_runs r on r.run_id = e.run_id
where e.origin_channel = ? and e.origin_ref = ? and e.event_type <> 'received' and e.occurred_at < ?;

-- name: deleteEvent
delete from status_events where event_id = ?;
