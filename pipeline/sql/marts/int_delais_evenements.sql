-- Grain: one row per axe (service, quartier, ensemble) × code × reception month × delay type × time (hundredths
-- of a day) at which reports of the month reached the milestone: d = how many. Reached times do not depend on
-- the snapshot, so this table is built month by month: only the months of changed_months are recomputed
-- (materialization "monthly", see pipeline/sql/models.ts). Sensitive categories are left out: only their counts
-- are published (DESIGN "Anonymization and disclosure control").
-- Times are those of core.report_delays (elapsed seconds rounded to the nearest 864 s), computed here from
-- core.reports: the view's three-way union and cross join with the run parameters cost more than the grouping.
-- Delay types are grouped as small integers and named at the end (cheaper keys than strings).
with reports as not materialized (
  select received_month, service_code, district_code, received_at, acknowledged_at, first_routed_at, first_closed_at
  from core.reports
  where privacy_class is distinct from 'sensitive' and received_month in (select debut_mois from changed_months)
),

reached as (
  select received_month, service_code, district_code, 1 as delay_id, acknowledged_at as reached_at, received_at
  from reports
  where acknowledged_at is not null
  union all
  select received_month, service_code, district_code, 2, first_routed_at, received_at
  from reports
  where first_routed_at is not null
  union all
  select received_month, service_code, district_code, 3, first_closed_at, received_at
  from reports
  where first_closed_at is not null
),

timed as (
  select
    received_month,
    service_code,
    district_code,
    delay_id,
    cast(round((epoch(reached_at) - epoch(received_at)) / 864) as integer) as t_centi
  from reached
),

counted as (
  select
    case when grouping(service_code) = 0 then 'service' when grouping(district_code) = 0 then 'quartier' else 'ensemble' end as axe,
    coalesce(service_code, district_code, 'ensemble') as code,
    received_month as debut_mois,
    delay_id,
    t_centi,
    count(*) as d
  from timed
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
    d
  from counted
)

select * from final
