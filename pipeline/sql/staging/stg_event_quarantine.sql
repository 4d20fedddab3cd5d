-- Grain: one row per status event set aside with its reason: a lifecycle event (anything but the back-office
-- `Création`) dated before the reception of its channel record (the report, or the handled email of an email
-- report). Ingest rejects such events when both records are in the store; this catches the ones read before
-- their channel record arrived, so the result is the same whatever the file order.
-- Incremental: only the reports of core.report_scope (raw tables only grow, so a report without new raw rows
-- keeps its rows), or every report on a whole build (see pipeline/sql/models.ts).
with whole_build as (
  select count(*) = 0 as is_whole from meta.core_state
),

scope as (
  select report_key from core.report_scope
),

events as (
  select event_id, report_key, event_type, occurred_at
  from raw.status_events
  where event_type <> 'received'
    and (report_key in (select report_key from scope) or (select is_whole from whole_build))
),

receptions as (
  select report_key, received_at
  from raw.reports
  where report_key in (select report_key from scope) or (select is_whole from whole_build)
  union all
  select 'email:' || source_id as report_key, received_at
  from raw.contacts
  where channel = 'email' and kind = 'email_handled'
    and ('email:' || source_id in (select report_key from scope) or (select is_whole from whole_build))
),

final as (
  select
    events.event_id,
    events.report_key,
    events.event_type,
    events.occurred_at,
    receptions.received_at,
    case
      when events.event_type = 'closed' then 'clôture antérieure à la réception'
      else 'événement antérieur à la réception'
    end as reason
  from events
  inner join receptions on receptions.report_key = events.report_key
  where events.occurred_at < receptions.received_at
)

select * from final
