-- Grain: one row per axe (service, quartier, ensemble) × code × reception month × delay type × time (hundredths
-- of a day) at which reports of the month reached the milestone: d = how many. Reached times do not depend on
-- the snapshot, so this table is built month by month: only the months of changed_months are recomputed
-- (materialization "monthly", see pipeline/sql/models.ts). Sensitive categories are left out: only their counts
-- are published (DESIGN "Anonymization and disclosure control").
with reached as (
  select received_month, service_code, district_code, delay_type, t_centi
  from core.report_delays
  where is_event and privacy_class is distinct from 'sensitive' and received_month in (select debut_mois from changed_months)
),

final as (
  select
    case when grouping(service_code) = 0 then 'service' when grouping(district_code) = 0 then 'quartier' else 'ensemble' end as axe,
    coalesce(service_code, district_code, 'ensemble') as code,
    received_month as debut_mois,
    delay_type,
    t_centi,
    count(*) as d
  from reached
  group by grouping sets (
    (received_month, delay_type, t_centi, service_code),
    (received_month, delay_type, t_centi, district_code),
    (received_month, delay_type, t_centi)
  )
)

select * from final
