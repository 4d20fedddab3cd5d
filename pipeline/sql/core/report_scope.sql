-- Grain: one row per report key whose incremental rows (staging's quarantine, core) this build
-- recomputes: the keys with a raw row extracted since the last build, or with a row whose time lies
-- between the previous snapshot and this one (that row enters or leaves the snapshot's view). Other
-- reports see exactly the same rows as last time. Empty on a whole build (meta.core_state empty: first
-- or full build, or invalidated), where the incremental models read every report instead (see
-- pipeline/sql/models.ts).
with parameters as (
  select * from meta.run_parameters
),

previous as (
  select
    state.reports_rowid,
    state.status_events_rowid,
    state.contacts_rowid,
    least(state.snapshot_at, parameters.snapshot_at) as band_start,
    greatest(state.snapshot_at, parameters.snapshot_at) as band_end
  from parameters
  join meta.core_state as state on true
),

touched as (
  select reports.report_key
  from raw.reports as reports, previous
  where reports.report_id > previous.reports_rowid
    or (reports.received_at > previous.band_start and reports.received_at <= previous.band_end)
  union all
  select events.report_key
  from raw.status_events as events, previous
  where events.event_id > previous.status_events_rowid
    or (events.occurred_at > previous.band_start and events.occurred_at <= previous.band_end)
  union all
  select 'email:' || contacts.source_id
  from raw.contacts as contacts, previous
  where contacts.channel = 'email' and contacts.kind = 'email_handled'
    and (
      contacts.contact_id > previous.contacts_rowid
      or (contacts.received_at > previous.band_start and contacts.received_at <= previous.band_end)
    )
),

final as (
  select distinct report_key from touched
)

select * from final
