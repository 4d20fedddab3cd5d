-- Statements of the intake service (repo.ts, keys.ts, mailer.ts), one per `-- name:` block; values are bound, never spliced.

-- name: insertReport
insert into reports (
  channel, source_id, received_at, category_code, raw_category, service_code, lat, lon, district_code,
  address, reporter_name, reporter_email, reporter_phone, description, media_url, run_id
) values (
  @channel, @source_id, @received_at, @category_code, @raw_category, @service_code, @lat, @lon, @district_code,
  @address, @reporter_name, @reporter_email, @reporter_phone, @description, @media_url, null
);

-- name: insertTicket
insert into tickets (ticket, report_id, token_hash, created_at) values (@ticket, @report_id, @token_hash, @created_at);

-- name: insertEvent
insert into status_events (
  source, source_key, reference, origin_channel, origin_ref, event_type, occurred_at, service_code, agent,
  resolution_code, planned_date, complaint_reason, comment, public_note, run_id
) values (
  'api', @source_key, @reference, @origin_channel, @origin_ref, @event_type, @occurred_at, @service_code, @agent,
  @resolution_code, @planned_date, @complaint_reason, @comment, @public_note, null
);

-- name: findIdempotency
select kind, ticket, event_id from idempotency_keys where key_hash = ?;

-- name: insertIdempotency
insert into idempotency_keys (key_hash, kind, ticket, event_id, created_at) values (@key_hash, @kind, @ticket, @event_id, @created_at);

-- name: reportByTicket
select r.report_id, r.channel, r.source_id, r.received_at, r.category_code, r.service_code, r.district_code,
       r.reporter_email, t.token_hash
from tickets t join reports r on r.report_id = t.report_id
where t.ticket = ?;

-- name: reportForAgent
select r.report_id, r.channel, r.source_id, r.received_at, r.category_code, r.raw_category, r.service_code, r.lat, r.lon,
       r.district_code, r.address, r.reporter_name, r.reporter_email, r.reporter_phone, r.description, r.media_url
from tickets t join reports r on r.report_id = t.report_id
where t.ticket = ?;

-- name: eventsOf
select event_id, event_type, occurred_at, service_code, resolution_code, planned_date, complaint_reason, public_note
from status_events
where origin_channel = ? and origin_ref = ?
order by occurred_at, event_id;

-- name: listTickets
-- One page of tickets, newest first, filtered; bound parameters, a null filter matches everything.
select t.ticket, r.channel, r.source_id, r.received_at, r.category_code, r.service_code, r.district_code
from tickets t join reports r on r.report_id = t.report_id
where (@category_code is null or r.category_code = @category_code)
  and (@start_date is null or r.received_at >= @start_date)
  and (@end_date is null or r.received_at < @end_date)
  and r.category_code not in (select value from json_each(@hidden))
  and (@status is null or (
    coalesce((select e.event_type from status_events e
              where e.origin_channel = r.channel and e.origin_ref = r.source_id and e.event_type not in ('thanks', 'complaint')
              order by e.occurred_at desc, e.event_id desc limit 1), 'received') = 'closed') = (@status = 'closed'))
order by r.received_at desc, t.report_id desc
limit @limit offset @offset;

-- name: enqueueMessage
insert or ignore into outbox (message_key, smtp_message_id, ticket, recipient, subject, body, created_at, next_attempt_at)
values (@message_key, @smtp_message_id, @ticket, @recipient, @subject, @body, @created_at, @created_at);

-- name: dueMessages
select message_id, smtp_message_id, ticket, recipient, subject, body, attempts
from outbox where status = 'pending' and next_attempt_at <= ? order by message_id limit ?;

-- name: markSent
update outbox set status = 'sent', sent_at = @sent_at, attempts = attempts + 1, last_error = null where message_id = @message_id;

-- name: markRetry
update outbox set status = @status, attempts = attempts + 1, next_attempt_at = @next_attempt_at, last_error = @last_error
where message_id = @message_id;

-- name: insertKey
insert into api_keys (key_hash, prefix, role, label, district_code, created_at)
values (@key_hash, @prefix, @role, @label, @district_code, @created_at);

-- name: keyByHash
select key_id, role, label, district_code from api_keys where key_hash = ? and revoked_at is null;

-- name: listKeys
select key_id, prefix, role, label, district_code, created_at, revoked_at from api_keys order by key_id;

-- name: revokeKey
update api_keys set revoked_at = @revoked_at where (key_id = @key_id or prefix = @prefix) and revoked_at is null;
