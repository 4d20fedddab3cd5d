-- Grain: one row per status event that occurred at or before the snapshot, except the events set aside
-- in staging.stg_event_quarantine (dated before their channel record's reception).
with source as (
  select * from raw.status_events
),

quarantine as (
  select event_id from staging.stg_event_quarantine
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
  anti join quarantine using (event_id)
),

final as (
  select typed.*
  from typed
  cross join parameters
  where typed.occurred_at <= parameters.snapshot_at
)

select * from final
