-- Grain: one row per axe (service, quartier, ensemble) × code × reception month × delay type × time (hundredths
-- of a day) at which reports of the month not having reached the milestone are censored (the snapshot):
-- c = how many. Rebuilt every run, since censored times move with the snapshot.
-- Times are those of core.report_delays, computed here from core.reports (see int_delais_evenements.sql).
with parameters as (
  select snapshot_at from meta.run_parameters
),

-- A time censored after the last event time of its delay type (over all cells) is at risk at every
-- event time whatever its value: such times are clamped to one value past that last event time. The
-- estimates are unchanged and most censored rows (long-open reports) collapse into one per cell.
horizons as (
  select
    case delay_type when 'accuse' then 1 when 'affectation' then 2 else 3 end as delay_id,
    max(t_centi) + 1 as t_horizon
  from marts.int_delais_evenements
  group by delay_type
),

reports as not materialized (
  select received_month, service_code, district_code, received_at, acknowledged_at, first_routed_at, first_closed_at
  from core.reports
  where privacy_class is distinct from 'sensitive'
),

open_milestones as (
  select received_month, service_code, district_code, 1 as delay_id, received_at
  from reports
  where acknowledged_at is null
  union all
  select received_month, service_code, district_code, 2, received_at
  from reports
  where first_routed_at is null
  union all
  select received_month, service_code, district_code, 3, received_at
  from reports
  where first_closed_at is null
),

censored as (
  select
    open_milestones.received_month,
    open_milestones.service_code,
    open_milestones.district_code,
    open_milestones.delay_id,
    least(
      cast(round((epoch(parameters.snapshot_at) - epoch(open_milestones.received_at)) / 864) as integer),
      coalesce(horizons.t_horizon, 0)
    ) as t_centi
  from open_milestones
  cross join parameters
  left join horizons using (delay_id)
),

counted as (
  select
    case when grouping(service_code) = 0 then 'service' when grouping(district_code) = 0 then 'quartier' else 'ensemble' end as axe,
    coalesce(service_code, district_code, 'ensemble') as code,
    received_month as debut_mois,
    delay_id,
    t_centi,
    count(*) as c
  from censored
  group by grouping sets (
    (received_month, delay_id, t_centi, service_code),
    (received_month, delay_id, t_centi, district_code),
    (received_month, delay_id, t_centi)
  )
),

final as (
  select
    axe,
    code,
    debut_mois,
    case delay_id when 1 then 'accuse' when 2 then 'affectation' else 'cloture' end as delay_type,
    t_centi,
    c
  from counted
)

select * from final
