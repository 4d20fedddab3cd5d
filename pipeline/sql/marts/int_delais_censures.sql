-- Grain: one row per axe (service, quartier, ensemble) × code × reception month × delay type × time (hundredths
-- of a day) at which reports of the month not having reached the milestone are censored (the snapshot):
-- c = how many. Rebuilt every run, since censored times move with the snapshot.
with events as (
  select * from marts.int_delais_evenements
),

-- A time censored after the last event time of its delay type (over all cells) is at risk at every
-- event time whatever its value: such times are clamped to one value past that last event time. The
-- estimates are unchanged and most censored rows (long-open reports) collapse into one per cell.
horizons as (
  select delay_type, max(t_centi) + 1 as t_horizon
  from events
  group by delay_type
),

censored as (
  select
    delays.received_month,
    delays.service_code,
    delays.district_code,
    delays.delay_type,
    least(delays.t_centi, coalesce(horizons.t_horizon, 0)) as t_centi
  from core.report_delays as delays
  left join horizons using (delay_type)
  where not delays.is_event and delays.privacy_class is distinct from 'sensitive'
),

final as (
  select
    case when grouping(service_code) = 0 then 'service' when grouping(district_code) = 0 then 'quartier' else 'ensemble' end as axe,
    coalesce(service_code, district_code, 'ensemble') as code,
    received_month as debut_mois,
    delay_type,
    t_centi,
    count(*) as c
  from censored
  group by grouping sets (
    (received_month, delay_type, t_centi, service_code),
    (received_month, delay_type, t_centi, district_code),
    (received_month, delay_type, t_centi)
  )
)

select * from final
