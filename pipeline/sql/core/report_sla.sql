-- Grain: one row per report: its standing against the 15-day commitment at the snapshot, and its age.
-- On time = FIRST closure at or before due_at (a later reopening does not change it); a report never
-- closed is open: overdue when the snapshot is past due_at, else still within the deadline.
-- The report's columns ride along, so that marts read this view alone (no self-join on report_key).
with reports as (
  select * from core.reports
),

parameters as (
  select * from meta.run_parameters
),

final as (
  select
    reports.report_key,
    case
      when reports.first_closed_at is not null and reports.first_closed_at <= reports.due_at then 'dans_les_delais'
      when reports.first_closed_at is not null then 'hors_delais'
      when parameters.snapshot_at > reports.due_at then 'en_retard_ouvert'
      else 'en_cours_dans_les_delais'
    end as sla_status,
    reports.is_open and parameters.snapshot_at > reports.due_at as is_open_overdue,
    cast(floor((epoch(parameters.snapshot_at) - epoch(reports.received_at)) / 86400) as integer) as age_days,
    reports.* exclude (report_key)
  from reports
  cross join parameters
)

select * from final
