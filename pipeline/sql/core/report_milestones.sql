-- Grain: one row per report key that has at least one status event (milestones from the event log).
-- Ties between events at the same instant are broken by event_id (the order they were recorded): the
-- latest event is the one with the highest `recorded_order`, (occurred_at, event_id) as one HUGEINT
-- (microseconds × 2^63 + event_id, exact for any non-negative rowid), cheaper to compare than a struct.
-- Incremental: only the reports of core.report_scope, or every report on a whole build (see pipeline/sql/models.ts).
with events as (
  select *, cast(epoch_us(occurred_at) as hugeint) * 9223372036854775808 + event_id as recorded_order
  from staging.stg_status_events
  where report_key in (select report_key from core.report_scope) or (select count(*) = 0 from meta.core_state)
),

final as (
  select
    report_key,
    any_value(origin_channel) as channel,
    any_value(origin_ref) as source_id,
    min(occurred_at) as first_event_at,
    min(occurred_at) filter (where event_type = 'acknowledged') as acknowledged_at,
    min(occurred_at) filter (where event_type in ('routed', 'rerouted')) as first_routed_at,
    count(*) filter (where event_type = 'rerouted') as n_reroutes,
    min(occurred_at) filter (where event_type = 'escalated') as escalated_at,
    arg_max(planned_date, recorded_order) filter (where event_type = 'scheduled') as planned_date,
    count(*) filter (where event_type = 'scheduled') as n_work_orders,
    min(occurred_at) filter (where event_type = 'closed') as first_closed_at,
    max(occurred_at) filter (where event_type = 'closed') as last_closed_at,
    count(*) filter (where event_type = 'reopened') > 0 or count(*) filter (where event_type = 'closed') > 1 as is_reopened,
    count(*) filter (where event_type = 'complaint') > 0 as has_complaint,
    count(*) filter (where event_type = 'thanks') > 0 as has_thanks,
    arg_max(service_code, recorded_order) filter (where event_type in ('routed', 'rerouted')) as routed_service_code,
    arg_max(event_type, recorded_order) filter (where event_type not in ('complaint', 'thanks')) as last_stage_event
  from events
  group by report_key
)

select * from final
