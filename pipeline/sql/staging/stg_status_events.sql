-- Grain: one row per status event that occurred at or before the snapshot.
with source as (
  select * from raw.status_events
),

parameters as (
  select * from meta.run_parameters
),

typed as (
  select
    event_id,
    report_key,
    origin_channel,
    origin_ref,
    event_type,
    occurred_at,
    service_code,
    resolution_code,
    planned_date,
    complaint_reason
  from source
),

final as (
  select typed.*
  from typed
  cross join parameters
  where typed.occurred_at <= parameters.snapshot_at
)

select * from final
