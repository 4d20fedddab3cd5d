-- Grain: one row per channel record (web, app, phone report) received at or before the snapshot.
with source as (
  select * from raw.reports
),

parameters as (
  select * from meta.run_parameters
),

typed as (
  select
    report_key,
    channel,
    source_id,
    received_at,
    category_code,
    district_code
  from source
),

final as (
  select typed.*
  from typed
  cross join parameters
  where typed.received_at <= parameters.snapshot_at
)

select * from final
