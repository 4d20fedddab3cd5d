-- Grain: one row per report × delay type (accuse, affectation, cloture): the time to the milestone,
-- or to the snapshot when not reached (censored). Times in hundredths of a day (integer), from the
-- elapsed seconds rounded to the nearest 864 s, so that medians are exact to the published 2 decimals.
-- The report's cohort columns (month, service, district) and privacy class ride along for the Kaplan–Meier mart.
-- Not materialized: a filter on the view (e.g. by month) then reaches each scan of core.reports.
with reports as not materialized (
  select * from core.reports
),

parameters as (
  select * from meta.run_parameters
),

milestones as (
  select report_key, received_month, service_code, district_code, privacy_class, received_at, 'accuse' as delay_type, acknowledged_at as reached_at
  from reports
  union all
  select report_key, received_month, service_code, district_code, privacy_class, received_at, 'affectation', first_routed_at from reports
  union all
  select report_key, received_month, service_code, district_code, privacy_class, received_at, 'cloture', first_closed_at from reports
),

final as (
  select
    milestones.report_key,
    milestones.delay_type,
    milestones.received_month,
    milestones.service_code,
    milestones.district_code,
    milestones.privacy_class,
    milestones.reached_at is not null as is_event,
    cast(round((epoch(coalesce(milestones.reached_at, parameters.snapshot_at)) - epoch(milestones.received_at)) / 864) as integer)
      as t_centi
  from milestones
  cross join parameters
)

select * from final
