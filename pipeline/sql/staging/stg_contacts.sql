-- Grain: one row per handled contact (email read, call answered, work order) received at or before the snapshot.
with source as (
  select * from raw.contacts
),

parameters as (
  select * from meta.run_parameters
),

typed as (
  select
    contact_id,
    channel,
    source_id,
    kind,
    received_at,
    outcome,
    category_code
  from source
),

final as (
  select typed.*
  from typed
  cross join parameters
  where typed.received_at <= parameters.snapshot_at
)

select * from final
