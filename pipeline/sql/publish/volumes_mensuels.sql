-- Grain: one row per complete month × canal × groupe_categorie × code_service × code_quartier, where at
-- most one of the four dimensions is detailed and the others are 'ensemble' (the month's total and its
-- one-way breakdowns, each adding up to the total: reports without a district are 'non_localise').
-- Sensitive categories are left out of every row: their counts are published only in
-- signalements_sensibles (district × quarter), so no difference of this table can reveal them.
-- $1 = first day of the snapshot's month (Paris): months from it on are not over and not published.
with reports as (
  select
    strftime(received_month, '%Y-%m') as mois,
    case channel when 'phone' then 'telephone' when 'email' then 'courriel' else channel end as canal,
    group_code,
    service_code,
    district_code
  from core.reports
  where received_month < cast($1 as date)
    and privacy_class is distinct from 'sensitive'
),

final as (
  select
    mois,
    coalesce(canal, 'ensemble') as canal,
    coalesce(group_code, 'ensemble') as groupe_categorie,
    coalesce(service_code, 'ensemble') as code_service,
    coalesce(district_code, 'ensemble') as code_quartier,
    cast(count(*) as integer) as nb_signalements
  from reports
  group by grouping sets ((mois), (mois, canal), (mois, group_code), (mois, service_code), (mois, district_code))
  order by mois, canal, groupe_categorie, code_service, code_quartier
)

select * from final
